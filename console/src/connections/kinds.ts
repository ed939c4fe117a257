import type { ConnectionKind } from '../gql/graphql';

/**
 * How each identity provider's admin screens name things, so the set-up steps read like the IdP's
 * own UI. One entry per schema kind: a new kind fails the typecheck until it has its steps.
 */
export interface KindGuide {
  readonly label: string;
  /** The IdP's name for the Base URL field. */
  readonly baseUrlField: string;
  /** The IdP's name for the API token field. */
  readonly tokenField: string;
  /** Appended to the Base URL where the IdP needs it (Entra's RFC-compliant PATCH flag). */
  readonly baseUrlSuffix?: string;
  readonly steps: readonly string[];
}

export const KIND_GUIDES: Record<ConnectionKind, KindGuide> = {
  OKTA_SCIM2: {
    label: 'Okta (SCIM 2.0)',
    baseUrlField: 'SCIM connector base URL',
    tokenField: 'Bearer token',
    steps: [
      'In the Okta Admin Console open Applications → your app → General → App Settings → Edit, and set Provisioning to "SCIM". Save.',
      'Open the Provisioning tab → Integration → Edit.',
      'SCIM connector base URL (the catalog "SCIM 2.0 Test App" calls it "SCIM 2.0 Base URL"): paste the Base URL.',
      'Unique identifier field for users: userName.',
      'Supported provisioning actions: Import New Users and Profile Updates, Push New Users, Push Profile Updates, Push Groups.',
      'Authentication Mode: HTTP Header. Authorization: Bearer — paste the API token (in the "SCIM 2.0 Test App (OAuth Bearer Token)" template the field is "OAuth Bearer Token").',
      'Click "Test Connector Configuration" (or "Test API Credentials" in the catalog app), then Save.',
      'Provisioning → To App → Edit: enable Create Users, Update User Attributes and Deactivate Users. Save.',
    ],
  },
  OKTA_SCIM11: {
    label: 'Okta (SCIM 1.1)',
    baseUrlField: 'Base URL',
    tokenField: 'API Token',
    steps: [
      'In the Okta Admin Console add "SCIM 1.1 Test App (Header Auth)" from the App Catalog (or use your SCIM 1.1 app).',
      'Provisioning → Configure API Integration → Enable API Integration.',
      'Base URL: paste the Base URL.',
      'API Token: paste "Bearer " followed by the API token (Header Auth sends it as the Authorization header; in the "OAuth Bearer Token" template paste the API token alone).',
      'Click "Test API Credentials", then Save.',
      'Provisioning → To App → Edit: enable Create Users, Update User Attributes and Deactivate Users. Save.',
    ],
  },
  ONELOGIN_SCIM2: {
    label: 'OneLogin',
    baseUrlField: 'SCIM Base URL',
    tokenField: 'SCIM Bearer Token',
    steps: [
      'In OneLogin go to Applications → Add App and choose "SCIM Provisioner with SAML (SCIM v2 Core)". Save.',
      'Configuration tab: SCIM Base URL — paste the Base URL.',
      'SCIM Bearer Token — paste the API token.',
      'SCIM JSON Template — keep OneLogin’s default (userName, name, emails).',
      'API Connection: click Enable.',
      'Provisioning tab: check "Enable provisioning" and choose what a delete in OneLogin does. Save.',
    ],
  },
  ENTRA_SCIM2: {
    label: 'Microsoft Entra ID',
    baseUrlField: 'Tenant URL',
    tokenField: 'Secret Token',
    baseUrlSuffix: '?aadOptscim062020',
    steps: [
      'In the Microsoft Entra admin center open Enterprise applications → New application → Create your own application (non-gallery).',
      'Provisioning → Get started → Provisioning Mode: Automatic.',
      'Admin Credentials → Tenant URL: paste the Base URL followed by ?aadOptscim062020.',
      'Secret Token: paste the API token.',
      'Click "Test Connection", then Save.',
      'Mappings: keep the defaults. Then Start provisioning.',
    ],
  },
  GENERIC_SCIM2: {
    label: 'Generic SCIM 2.0',
    baseUrlField: 'SCIM Base URL',
    tokenField: 'Bearer token',
    steps: [
      'In your identity provider, create a SCIM 2.0 provisioning app.',
      'SCIM Base URL: paste the Base URL.',
      'Authentication: HTTP header "Authorization: Bearer" with the API token.',
      'Run the provider’s connection test, then enable provisioning.',
    ],
  },
};

export const kindLabel = (kind: ConnectionKind): string => KIND_GUIDES[kind].label;

/** The order the Add connection form offers them in. */
export const KIND_CHOICES: readonly ConnectionKind[] = [
  'OKTA_SCIM2',
  'OKTA_SCIM11',
  'ONELOGIN_SCIM2',
  'ENTRA_SCIM2',
  'GENERIC_SCIM2',
];

const STATUS_LABELS: Readonly<Record<string, string>> = {
  ACTIVE: 'Active',
  PAUSED: 'Paused',
  DRY_RUN: 'Dry run',
};

export const statusLabel = (status: string): string => STATUS_LABELS[status] ?? status;
