// Runs one deployment in its own process, so a test can SIGKILL it mid-deployment.
// argv: stateHome application group revision
import { StateStore } from '../../../runtime/common/state';
import { DeployEngine } from '../../../runtime/deployments/engine';

const [home, application, group, revision] = process.argv.slice(2);
void new DeployEngine(new StateStore(home)).start(application, group, { revision });
