/**
 * The 18 STIX Cyber-observable Objects of STIX 2.1 (§6), discriminated on `type`. Their ids
 * are deterministic UUIDv5s of the ID-contributing properties (see `sco-id.ts`).
 */
import type { Hashes, Identifier, ObservableCommon, Timestamp } from './common.js';
import type {
  FileExtensions,
  NetworkTrafficExtensions,
  ProcessExtensions,
  UserAccountExtensions,
} from './sco-extensions.js';

/** §6.1: `payload_bin` or `url` (with `hashes`), not both. */
export interface Artifact extends ObservableCommon {
  readonly type: 'artifact';
  readonly id: Identifier<'artifact'>;
  readonly mime_type?: string;
  /** Base64. */
  readonly payload_bin?: string;
  readonly url?: string;
  readonly hashes?: Hashes;
  readonly encryption_algorithm?: string;
  readonly decryption_key?: string;
}

/** §6.2 */
export interface AutonomousSystem extends ObservableCommon {
  readonly type: 'autonomous-system';
  readonly id: Identifier<'autonomous-system'>;
  readonly number: number;
  readonly name?: string;
  readonly rir?: string;
}

/** §6.3 */
export interface Directory extends ObservableCommon {
  readonly type: 'directory';
  readonly id: Identifier<'directory'>;
  readonly path: string;
  readonly path_enc?: string;
  readonly ctime?: Timestamp;
  readonly mtime?: Timestamp;
  readonly atime?: Timestamp;
  readonly contains_refs?: readonly Identifier<'file' | 'directory'>[];
}

/** §6.4 */
export interface DomainName extends ObservableCommon {
  readonly type: 'domain-name';
  readonly id: Identifier<'domain-name'>;
  readonly value: string;
  readonly resolves_to_refs?: readonly Identifier<'ipv4-addr' | 'ipv6-addr' | 'domain-name'>[];
}

/** §6.5 */
export interface EmailAddr extends ObservableCommon {
  readonly type: 'email-addr';
  readonly id: Identifier<'email-addr'>;
  readonly value: string;
  readonly display_name?: string;
  readonly belongs_to_ref?: Identifier<'user-account'>;
}

/** §6.6.2 */
export interface EmailMimePart {
  readonly body?: string;
  readonly body_raw_ref?: Identifier<'artifact' | 'file'>;
  readonly content_type?: string;
  readonly content_disposition?: string;
}

/** §6.6: `body` only when not multipart, `body_multipart` only when multipart. */
export interface EmailMessage extends ObservableCommon {
  readonly type: 'email-message';
  readonly id: Identifier<'email-message'>;
  readonly is_multipart: boolean;
  readonly date?: Timestamp;
  readonly content_type?: string;
  readonly from_ref?: Identifier<'email-addr'>;
  readonly sender_ref?: Identifier<'email-addr'>;
  readonly to_refs?: readonly Identifier<'email-addr'>[];
  readonly cc_refs?: readonly Identifier<'email-addr'>[];
  readonly bcc_refs?: readonly Identifier<'email-addr'>[];
  readonly message_id?: string;
  readonly subject?: string;
  readonly received_lines?: readonly string[];
  readonly additional_header_fields?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string;
  readonly body_multipart?: readonly EmailMimePart[];
  readonly raw_email_ref?: Identifier<'artifact'>;
}

/** §6.7: at least one of `hashes` and `name`. */
export interface File extends ObservableCommon {
  readonly type: 'file';
  readonly id: Identifier<'file'>;
  readonly extensions?: FileExtensions;
  readonly hashes?: Hashes;
  readonly size?: number;
  readonly name?: string;
  readonly name_enc?: string;
  readonly magic_number_hex?: string;
  readonly mime_type?: string;
  readonly ctime?: Timestamp;
  readonly mtime?: Timestamp;
  readonly atime?: Timestamp;
  readonly parent_directory_ref?: Identifier<'directory'>;
  readonly contains_refs?: readonly Identifier[];
  readonly content_ref?: Identifier<'artifact'>;
}

/** §6.8: an address or a CIDR block. */
export interface Ipv4Addr extends ObservableCommon {
  readonly type: 'ipv4-addr';
  readonly id: Identifier<'ipv4-addr'>;
  readonly value: string;
  readonly resolves_to_refs?: readonly Identifier<'mac-addr'>[];
  readonly belongs_to_refs?: readonly Identifier<'autonomous-system'>[];
}

/** §6.9 */
export interface Ipv6Addr extends ObservableCommon {
  readonly type: 'ipv6-addr';
  readonly id: Identifier<'ipv6-addr'>;
  readonly value: string;
  readonly resolves_to_refs?: readonly Identifier<'mac-addr'>[];
  readonly belongs_to_refs?: readonly Identifier<'autonomous-system'>[];
}

/** §6.10: colon-separated lowercase hex, e.g. `d2:fb:49:24:37:18`. */
export interface MacAddr extends ObservableCommon {
  readonly type: 'mac-addr';
  readonly id: Identifier<'mac-addr'>;
  readonly value: string;
}

/** §6.11 */
export interface Mutex extends ObservableCommon {
  readonly type: 'mutex';
  readonly id: Identifier<'mutex'>;
  readonly name: string;
}

/** §6.12: at least one of `src_ref` and `dst_ref`. */
export interface NetworkTraffic extends ObservableCommon {
  readonly type: 'network-traffic';
  readonly id: Identifier<'network-traffic'>;
  readonly extensions?: NetworkTrafficExtensions;
  readonly start?: Timestamp;
  readonly end?: Timestamp;
  readonly is_active?: boolean;
  readonly src_ref?: Identifier<'ipv4-addr' | 'ipv6-addr' | 'mac-addr' | 'domain-name'>;
  readonly dst_ref?: Identifier<'ipv4-addr' | 'ipv6-addr' | 'mac-addr' | 'domain-name'>;
  readonly src_port?: number;
  readonly dst_port?: number;
  readonly protocols: readonly string[];
  readonly src_byte_count?: number;
  readonly dst_byte_count?: number;
  readonly src_packets?: number;
  readonly dst_packets?: number;
  readonly ipfix?: Readonly<Record<string, string | number>>;
  readonly src_payload_ref?: Identifier<'artifact'>;
  readonly dst_payload_ref?: Identifier<'artifact'>;
  readonly encapsulates_refs?: readonly Identifier<'network-traffic'>[];
  readonly encapsulated_by_ref?: Identifier<'network-traffic'>;
}

/** §6.13 (no ID-contributing properties: ids are UUIDv4). */
export interface Process extends ObservableCommon {
  readonly type: 'process';
  readonly id: Identifier<'process'>;
  readonly extensions?: ProcessExtensions;
  readonly is_hidden?: boolean;
  readonly pid?: number;
  readonly created_time?: Timestamp;
  readonly cwd?: string;
  readonly command_line?: string;
  readonly environment_variables?: Readonly<Record<string, string>>;
  readonly opened_connection_refs?: readonly Identifier<'network-traffic'>[];
  readonly creator_user_ref?: Identifier<'user-account'>;
  readonly image_ref?: Identifier<'file'>;
  readonly parent_ref?: Identifier<'process'>;
  readonly child_refs?: readonly Identifier<'process'>[];
}

/** §6.14 */
export interface Software extends ObservableCommon {
  readonly type: 'software';
  readonly id: Identifier<'software'>;
  readonly name: string;
  readonly cpe?: string;
  readonly swid?: string;
  readonly languages?: readonly string[];
  readonly vendor?: string;
  readonly version?: string;
}

/** §6.15 */
export interface Url extends ObservableCommon {
  readonly type: 'url';
  readonly id: Identifier<'url'>;
  readonly value: string;
}

/** §6.16 */
export interface UserAccount extends ObservableCommon {
  readonly type: 'user-account';
  readonly id: Identifier<'user-account'>;
  readonly extensions?: UserAccountExtensions;
  readonly user_id?: string;
  readonly credential?: string;
  readonly account_login?: string;
  readonly account_type?: string;
  readonly display_name?: string;
  readonly is_service_account?: boolean;
  readonly is_privileged?: boolean;
  readonly can_escalate_privs?: boolean;
  readonly is_disabled?: boolean;
  readonly account_created?: Timestamp;
  readonly account_expires?: Timestamp;
  readonly credential_last_changed?: Timestamp;
  readonly account_first_login?: Timestamp;
  readonly account_last_login?: Timestamp;
}

/** §6.17.2 */
export interface WindowsRegistryValue {
  readonly name?: string;
  readonly data?: string;
  readonly data_type?: string;
}

/** §6.17 */
export interface WindowsRegistryKey extends ObservableCommon {
  readonly type: 'windows-registry-key';
  readonly id: Identifier<'windows-registry-key'>;
  readonly key?: string;
  readonly values?: readonly WindowsRegistryValue[];
  readonly modified_time?: Timestamp;
  readonly creator_user_ref?: Identifier<'user-account'>;
  readonly number_of_subkeys?: number;
}

/** §6.18 (the v3 extensions are kept as a dictionary of strings). */
export interface X509Certificate extends ObservableCommon {
  readonly type: 'x509-certificate';
  readonly id: Identifier<'x509-certificate'>;
  readonly is_self_signed?: boolean;
  readonly hashes?: Hashes;
  readonly version?: string;
  readonly serial_number?: string;
  readonly signature_algorithm?: string;
  readonly issuer?: string;
  readonly validity_not_before?: Timestamp;
  readonly validity_not_after?: Timestamp;
  readonly subject?: string;
  readonly subject_public_key_algorithm?: string;
  readonly subject_public_key_modulus?: string;
  readonly subject_public_key_exponent?: number;
  readonly x509_v3_extensions?: Readonly<Record<string, string>>;
}

export type StixCyberObservable =
  | Artifact
  | AutonomousSystem
  | Directory
  | DomainName
  | EmailAddr
  | EmailMessage
  | File
  | Ipv4Addr
  | Ipv6Addr
  | MacAddr
  | Mutex
  | NetworkTraffic
  | Process
  | Software
  | Url
  | UserAccount
  | WindowsRegistryKey
  | X509Certificate;
