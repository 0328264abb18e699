import * as vscode from 'vscode';
import type { NotificationLevel } from './notifications/notices';

/** Typed view of the `slipway.*` settings (rust-analyzer style: one place reads them). */
export class Config {
  private get section() {
    return vscode.workspace.getConfiguration('slipway');
  }

  /** `slipway.home`: where the local account lives; empty means `.slipway/` at the workspace root. */
  get home(): string {
    return this.section.get<string>('home', '').trim();
  }

  get ignoreChecks(): string[] {
    return this.section.get<string[]>('validation.ignoreChecks', []);
  }

  get codeLens(): boolean {
    return this.section.get<boolean>('codeLens.enabled', true);
  }

  /** `slipway.notifications`: which changes in the local account pop up a notification. */
  get notifications(): NotificationLevel {
    const value = this.section.get<string>('notifications', 'all');
    return value === 'off' || value === 'failuresAndApprovals' ? value : 'all';
  }

  /** `slipway.builds.debugSession`: whether builds started here honour codebuild-breakpoint, and pause at their first failure. */
  get buildDebugSession(): 'breakpoints' | 'onFailure' | 'off' {
    const value = this.section.get<string>('builds.debugSession', 'breakpoints');
    return value === 'off' || value === 'onFailure' ? value : 'breakpoints';
  }

  /** `slipway.endpoint.port`: where Start AWS Endpoint listens on loopback (0: a free port). */
  get endpointPort(): number {
    const value = this.section.get<number>('endpoint.port', 4566);
    return Number.isInteger(value) && value >= 0 && value <= 65535 ? value : 4566;
  }

  static affects(event: vscode.ConfigurationChangeEvent, key: string): boolean {
    return event.affectsConfiguration(`slipway.${key}`);
  }
}
