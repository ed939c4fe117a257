import type { BootstrapResult } from './bootstrap';

/**
 * What a new user sees on start: where the APIs are and, on first start only, the generated tokens.
 * This goes to stdout directly and never through the logger, so secrets stay out of log pipelines
 * that collect structured lines.
 */
export function startupBanner(publicUrl: string, bootstrap: BootstrapResult | null): string {
  const lines = [
    '',
    `  Admin console:    ${publicUrl}/admin  (sign in with the admin token)`,
    `  GraphQL endpoint: ${publicUrl}/graphql`,
    `  SCIM Base URL:    ${publicUrl}/scim/v2`,
  ];
  if (bootstrap) {
    lines.push('', `  First start: created organization "${bootstrap.organizationSlug}".`);
    if (bootstrap.generated.admin) lines.push(`  Admin token (identity:admin): ${bootstrap.generated.admin}`);
    if (bootstrap.generated.scim) lines.push(`  SCIM token (scim):            ${bootstrap.generated.scim}`);
    if (bootstrap.generated.admin || bootstrap.generated.scim) {
      lines.push('  These tokens are shown once and never again: store them now.');
    }
  }
  return `${lines.join('\n')}\n\n`;
}
