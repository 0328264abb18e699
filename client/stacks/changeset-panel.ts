import * as vscode from 'vscode';
import type { ChangeSetAction, ChangeSetViewState } from '../../protocol/changeset';
import { StatePanel } from '../common/state-panel';

/** The change-set page of one stack (webviews/changeset): the changes, Execute and Discard, live events. */
export class ChangeSetPanel implements vscode.Disposable {
  private readonly page: StatePanel<ChangeSetViewState, ChangeSetAction>;
  private state: ChangeSetViewState;

  constructor(
    extensionUri: vscode.Uri,
    state: ChangeSetViewState,
    onAction: (message: ChangeSetAction) => void,
    onClose: () => void,
  ) {
    this.state = state;
    this.page = new StatePanel({ extensionUri, viewType: 'slipway.changeset', bundle: 'changeset', title: `Change set: ${state.stackName}` }, state, onAction, onClose);
  }

  get current(): ChangeSetViewState {
    return this.state;
  }

  update(change: Partial<ChangeSetViewState>): void {
    this.state = { ...this.state, ...change };
    this.page.setState(this.state);
  }

  reveal(): void {
    this.page.reveal();
  }

  dispose(): void {
    this.page.dispose();
  }
}
