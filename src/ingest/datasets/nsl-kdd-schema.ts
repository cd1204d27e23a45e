/**
 * NSL-KDD's fixed layout (no header) and the standard attack → category mapping, as in
 * ../shared/anchors/common.py (NSL_FEATURES, NSL_ATTACK_CATEGORY).
 */

/** The 41 features in file order. */
// prettier-ignore
export const NSL_FEATURES = [
  'duration', 'protocol_type', 'service', 'flag', 'src_bytes', 'dst_bytes', 'land',
  'wrong_fragment', 'urgent', 'hot', 'num_failed_logins', 'logged_in', 'num_compromised',
  'root_shell', 'su_attempted', 'num_root', 'num_file_creations', 'num_shells',
  'num_access_files', 'num_outbound_cmds', 'is_host_login', 'is_guest_login', 'count',
  'srv_count', 'serror_rate', 'srv_serror_rate', 'rerror_rate', 'srv_rerror_rate',
  'same_srv_rate', 'diff_srv_rate', 'srv_diff_host_rate', 'dst_host_count',
  'dst_host_srv_count', 'dst_host_same_srv_rate', 'dst_host_diff_srv_rate',
  'dst_host_same_src_port_rate', 'dst_host_srv_diff_host_rate', 'dst_host_serror_rate',
  'dst_host_srv_serror_rate', 'dst_host_rerror_rate', 'dst_host_srv_rerror_rate',
] as const;

export const NSL_CATEGORICAL: ReadonlySet<string> = new Set(['protocol_type', 'service', 'flag']);

export const NSL_NORMAL = 'normal';
export const NSL_CATEGORIES = ['normal', 'DoS', 'Probe', 'R2L', 'U2R'] as const;

/**
 * The DARPA 1998/1999 category of the 39 attack names in KDDTrain+ and KDDTest+ (22 training
 * attacks and 17 that occur only in the test files).
 */
// prettier-ignore
export const NSL_ATTACK_CATEGORY: ReadonlyMap<string, string> = new Map([
  ...['back', 'land', 'neptune', 'pod', 'smurf', 'teardrop'].map((a) => [a, 'DoS'] as const),
  ...['apache2', 'mailbomb', 'processtable', 'udpstorm'].map((a) => [a, 'DoS'] as const),
  ...['ipsweep', 'nmap', 'portsweep', 'satan', 'mscan', 'saint'].map((a) => [a, 'Probe'] as const),
  ...['ftp_write', 'guess_passwd', 'imap', 'multihop', 'phf', 'spy', 'warezclient', 'warezmaster']
    .map((a) => [a, 'R2L'] as const),
  ...['httptunnel', 'named', 'sendmail', 'snmpgetattack', 'snmpguess', 'worm', 'xlock', 'xsnoop']
    .map((a) => [a, 'R2L'] as const),
  ...['buffer_overflow', 'loadmodule', 'perl', 'rootkit', 'ps', 'sqlattack', 'xterm']
    .map((a) => [a, 'U2R'] as const),
]);
