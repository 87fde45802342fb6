// Test support face (not for production code): fixture hosts on a tmp root with canned command outputs, and two
// whole fixture machines (every check passing / one seeded problem per check) for CLI, IPC and e2e tests.
export { makeFixture, type CannedCommand, type Fixture, type FixtureOptions } from './fixture-host';
export { FIXTURE_DATA_DIR, fixtureMachine } from './seeded-home';
