import { startTestApi, type TestApi } from './case-api.fixtures';

interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

const INTAKE = '/api/cases';
const CASE_ACTIONS = [
  'consents',
  'consents/withdrawal',
  'assessments',
  'goals',
  'goals/{goalId}/review',
  'goals/{goalId}/closure',
  'counselling-sessions',
  'referrals',
  'referrals/{referralId}/outcome',
  'legal-status-changes',
  'jurisdiction-changes',
  'follow-ups',
  'follow-ups/{followUpId}/completion',
  'service-gaps',
  'reassignment',
  'closure',
  'reopening',
  'corrections',
  'erasure',
  'phase',
].map((action) => `/api/cases/{caseId}/${action}`);

/** POST routes under /api/cases that read rather than command: an auditor's reveal (tested with the audit API). */
const READS = ['/api/cases/{caseId}/reveal'];

/** Routes as Express knows them, in OpenAPI's notation: the document must not miss one. */
function registeredCaseRoutes(api: TestApi): string[] {
  const router = (api.app.getHttpAdapter().getInstance() as { router?: { stack: unknown[] }; _router?: { stack: unknown[] } });
  const stack = (router.router ?? router._router)!.stack as { route?: { path: string; methods: Record<string, boolean> } }[];
  return stack
    .filter((layer) => layer.route?.path.startsWith('/api/cases') && layer.route.methods.post)
    .map((layer) => layer.route!.path.replace(/:(\w+)/g, '{$1}'))
    .filter((path) => !READS.includes(path));
}

describe('the OpenAPI document (/api/docs-json)', () => {
  let api: TestApi;
  let paths: Record<string, Record<string, Operation>>;
  let schemas: Record<string, unknown>;
  let documentText: string;

  beforeAll(async () => {
    api = await startTestApi('pglite');
    const response = await api.http().get('/api/docs-json').expect(200);
    paths = response.body.paths;
    schemas = response.body.components.schemas;
    documentText = response.text;
  });
  afterAll(async () => api?.close());

  it('describes intake and every case action, and every command route the server has', () => {
    const documented = Object.keys(paths).filter((path) => paths[path].post !== undefined && path.startsWith(INTAKE) && !READS.includes(path));
    expect(documented.sort()).toEqual([INTAKE, ...CASE_ACTIONS].sort());
    expect(registeredCaseRoutes(api).sort()).toEqual(documented.sort());
  });

  it('gives each a request body, its answer, the headers and every error answer', () => {
    for (const path of [INTAKE, ...CASE_ACTIONS]) {
      const operation = paths[path].post;
      const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      const expectedHeaders = path === INTAKE ? ['Idempotency-Key'] : ['Idempotency-Key', 'If-Match'];
      expect({ path, headers }).toEqual({ path, headers: expect.arrayContaining(expectedHeaders) });
      expect({ path, body: operation.requestBody }).toEqual({ path, body: expect.objectContaining({ required: true }) });
      const statuses = Object.keys(operation.responses).sort();
      const success = path === INTAKE ? '201' : '200';
      const errors = ['400', '401', '403', '409', '413', '422', '500', '503', ...(path === INTAKE ? [] : ['404'])];
      expect({ path, statuses }).toEqual({ path, statuses: [success, ...errors].sort() });
    }
  });

  it('documents the shared error bodies and the domain code lists as enums', () => {
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['ApiErrorResponse', 'ValidationErrorResponse', 'RevisionConflictResponse', 'LifeArea', 'LegalBasis', 'SessionFormat']),
    );
    // Nested bodies (institution, residence status, client) are schemas of their own, not dangling references.
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['InstitutionDto', 'ResidenceStatusDto', 'ClientPersonalDataDto']));
    expect(documentText).not.toContain('"#/components/schemas/"');
    expect(schemas.LifeArea).toMatchObject({ type: 'string', enum: expect.arrayContaining(['residence_law', 'housing']) });
  });

  it('serves the browsable UI without a session', async () => {
    const response = await api.http().get('/api/docs').redirects(1).expect(200);
    expect(response.text).toContain('swagger-ui');
  });
});
