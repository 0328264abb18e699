/** Registers every action provider with the engine; one import line each. */
import './manual-approval';
import './command';
import './codecommit';
import './local-git';
import './codebuild';
import './cloudformation';
import './codedeploy';
