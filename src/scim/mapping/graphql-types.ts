/** The shapes the SCIM operations (src/scim/operations) read back from GraphQL. */
export interface GqlMultiValue {
  readonly value: string;
  readonly display: string | null;
  readonly type: string | null;
  readonly primary: boolean;
}

export interface GqlAddress {
  readonly formatted: string | null;
  readonly streetAddress: string | null;
  readonly locality: string | null;
  readonly region: string | null;
  readonly postalCode: string | null;
  readonly country: string | null;
  readonly type: string | null;
  readonly primary: boolean;
}

export interface GqlUser {
  readonly id: string;
  readonly userName: string;
  readonly externalId: string | null;
  readonly active: boolean;
  readonly displayName: string | null;
  readonly nickName: string | null;
  readonly profileUrl: string | null;
  readonly title: string | null;
  readonly userType: string | null;
  readonly preferredLanguage: string | null;
  readonly locale: string | null;
  readonly timezone: string | null;
  readonly name: Readonly<Record<string, string | null>> | null;
  readonly emails: readonly GqlMultiValue[];
  readonly phoneNumbers: readonly GqlMultiValue[];
  readonly ims: readonly GqlMultiValue[];
  readonly photos: readonly GqlMultiValue[];
  readonly entitlements: readonly GqlMultiValue[];
  readonly roles: readonly GqlMultiValue[];
  readonly x509Certificates: readonly GqlMultiValue[];
  readonly addresses: readonly GqlAddress[];
  readonly enterprise: {
    readonly employeeNumber: string | null;
    readonly costCenter: string | null;
    readonly organization: string | null;
    readonly division: string | null;
    readonly department: string | null;
    readonly manager: { readonly value: string; readonly displayName: string | null } | null;
  } | null;
  readonly extensions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly groups?: readonly {
    readonly direct: boolean;
    readonly group: { readonly id: string; readonly displayName: string };
  }[];
}

export interface GqlGroup {
  readonly id: string;
  readonly displayName: string;
  readonly externalId: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface GqlGroupMember {
  readonly id: string;
  readonly type: 'USER' | 'GROUP';
  readonly display: string | null;
}

export interface GqlPageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface GqlExtensionAttribute {
  readonly schema: string;
  readonly name: string;
  readonly type: 'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime' | 'reference';
  readonly multiValued: boolean;
  readonly caseExact: boolean;
  readonly required: boolean;
  readonly canonicalValues: readonly string[];
  readonly description: string | null;
}
