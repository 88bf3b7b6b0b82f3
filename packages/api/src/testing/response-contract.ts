import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { OPENAPI_DOCUMENT_PATH } from '../openapi';

/**
 * Checks an answer of the API against the response schema its route declares, the schema the
 * web parses it with. The route is found the way Hono dispatches: the first registered
 * definition whose method and path template match. Only 2xx JSON answers are checked; event
 * streams, files and text have no JSON schema to hold them to. A 2xx JSON answer that no route
 * declares is itself a mismatch, except the OpenAPI document, which is generated from them.
 */
export async function checkResponseContract(
  app: Pick<OpenAPIHono, 'openAPIRegistry'>,
  method: string,
  url: string,
  response: Response,
): Promise<void> {
  const contentType = response.headers.get('content-type') ?? '';
  if (!response.ok || !/^application\/json\b/i.test(contentType)) return;
  const path = new URL(url, 'http://localhost').pathname;
  const verb = method.toUpperCase();
  if (verb === 'GET' && path === OPENAPI_DOCUMENT_PATH) return;

  const route = app.openAPIRegistry.definitions.find(
    (definition) =>
      definition.type === 'route' &&
      definition.route.method.toUpperCase() === verb &&
      templatePattern(definition.route.path).test(path),
  );
  if (route?.type !== 'route')
    throw new Error(`${verb} ${path} answered ${response.status} JSON, but no route declares it`);

  const name = `${verb} ${route.route.path}`;
  const declared = route.route.responses[String(response.status)];
  const media =
    declared && 'content' in declared ? declared.content?.['application/json'] : undefined;
  const schema = media && 'schema' in media ? media.schema : undefined;
  if (!(schema instanceof z.ZodType))
    throw new Error(`${name} answered ${response.status} JSON, which the route does not declare`);

  const result = schema.safeParse(await response.clone().json());
  if (result.success) return;
  const issues = result.error.issues.map(
    (issue) => `  ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
  );
  throw new Error(
    `${name} answered ${response.status} off its declared schema:\n${issues.join('\n')}`,
  );
}

/** `/api/compute/{uid}` matches `/api/compute/aws%3A…` but not `/api/compute/a/b`. */
function templatePattern(template: string): RegExp {
  const source = template
    .split(/\{[^}]+\}/)
    .map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${source}$`);
}
