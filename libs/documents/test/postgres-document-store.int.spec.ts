import { postgresFixture } from './document-store-fixtures';
import { documentStoreContract } from './document-store.contract';
import { projectionRunnerContract } from './projection-runner.contract';

const fixture = postgresFixture();
beforeAll(() => fixture.start(), 30_000);
afterEach(() => fixture.afterEach());
afterAll(() => fixture.close());

documentStoreContract(fixture);
projectionRunnerContract(fixture);
