import * as vscode from 'vscode';

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

  static affects(event: vscode.ConfigurationChangeEvent, key: string): boolean {
    return event.affectsConfiguration(`slipway.${key}`);
  }
}
