/**
 * The shapes the IOC index takes and returns. Entries come from indicators whose STIX patterns
 * are simple comparisons (`[ipv4-addr:value = '198.51.100.7']`), from IOC lists and from
 * MISP attributes; the index knows nothing of where they came from.
 */

/** Kinds of indicator value. `ipv4`/`cidr4` (and `ipv6`/`cidr6`) share one address space. */
export type IocType =
  'ipv4' | 'ipv6' | 'cidr4' | 'cidr6' | 'domain' | 'url' | 'md5' | 'sha1' | 'sha256' | 'email';

export const IOC_TYPES: readonly IocType[] = [
  'ipv4',
  'ipv6',
  'cidr4',
  'cidr6',
  'domain',
  'url',
  'md5',
  'sha1',
  'sha256',
  'email',
];

/** Kinds of observed value a lookup takes (an address is checked against networks as well). */
export type LookupType = Exclude<IocType, 'cidr4' | 'cidr6'>;

/** One value of one indicator. */
export interface IocEntry {
  readonly type: IocType;
  readonly value: string;
  /** The indicator's id, usually a STIX id `indicator--<uuid>`. */
  readonly indicatorId: string;
}

/**
 * Why an indicator value is doubtful (the sanity rules, in the spirit of MISP warning lists).
 * All but `host-bits-set` stop the value from matching unless the entry was added with `force`.
 */
export type SanityCode =
  /** A network so large it would match a large part of the Internet (`0.0.0.0/0`, `/4`). */
  | 'too-broad'
  /** RFC 1918, RFC 6598 shared address space, RFC 4193 unique-local, private DNS suffixes. */
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'multicast'
  /** RFC 5737, RFC 3849, RFC 9637 addresses; RFC 2606 example domains. */
  | 'documentation'
  /** Unspecified, "this network", benchmarking, future-use, reserved names (RFC 6761). */
  | 'reserved'
  /** A very common legitimate domain (or a sub-domain of one): matching would flood alerts. */
  | 'benign-domain'
  /** A well-known public DNS resolver (or a network containing one). */
  | 'public-resolver'
  /** The hash of empty input, or one hex digit repeated: a placeholder, not a file. */
  | 'placeholder-hash'
  /** A CIDR with host bits set (`10.1.2.3/8`): read as its network; informational only. */
  | 'host-bits-set';

/** One sanity finding about an entry. */
export interface SanityWarning {
  readonly code: SanityCode;
  readonly message: string;
  /** True when the finding stops matching (unless forced). */
  readonly blocking: boolean;
}

/** What `addIndicator` did. */
export interface AddResult {
  /** The value as the index keys it (normalised). */
  readonly normalized: string;
  /** The type it was indexed as (`ipv4` with a prefix becomes `cidr4`, mapped IPv6 `ipv4`…). */
  readonly indexedAs: IocType;
  /** False when this indicator already had this value (the entry was updated, not added). */
  readonly added: boolean;
  /** True when lookups return it: no blocking warning, or `force`. */
  readonly active: boolean;
  readonly warnings: readonly SanityWarning[];
}

/** One match with its details (the analyst's view; lookups return ids only). */
export interface MatchDetail {
  readonly indicatorId: string;
  readonly type: IocType;
  readonly normalized: string;
  readonly active: boolean;
  readonly forced: boolean;
  readonly warnings: readonly SanityCode[];
}
