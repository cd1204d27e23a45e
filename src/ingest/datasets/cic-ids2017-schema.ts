/**
 * CIC-IDS2017 "MachineLearningCSV" (Sharafaldin et al. 2018): the 78 official feature columns
 * (names trimmed, the repeated `Fwd Header Length` renamed `.1`) and the labels, with the
 * spellings found in copies in the wild (../shared/data/cic-ids2017/README.md).
 */

/** The official feature columns in file order, as the loader names them. */
// prettier-ignore
export const CIC_FEATURES = [
  'Destination Port', 'Flow Duration', 'Total Fwd Packets', 'Total Backward Packets',
  'Total Length of Fwd Packets', 'Total Length of Bwd Packets', 'Fwd Packet Length Max',
  'Fwd Packet Length Min', 'Fwd Packet Length Mean', 'Fwd Packet Length Std',
  'Bwd Packet Length Max', 'Bwd Packet Length Min', 'Bwd Packet Length Mean',
  'Bwd Packet Length Std', 'Flow Bytes/s', 'Flow Packets/s', 'Flow IAT Mean', 'Flow IAT Std',
  'Flow IAT Max', 'Flow IAT Min', 'Fwd IAT Total', 'Fwd IAT Mean', 'Fwd IAT Std', 'Fwd IAT Max',
  'Fwd IAT Min', 'Bwd IAT Total', 'Bwd IAT Mean', 'Bwd IAT Std', 'Bwd IAT Max', 'Bwd IAT Min',
  'Fwd PSH Flags', 'Bwd PSH Flags', 'Fwd URG Flags', 'Bwd URG Flags', 'Fwd Header Length',
  'Bwd Header Length', 'Fwd Packets/s', 'Bwd Packets/s', 'Min Packet Length', 'Max Packet Length',
  'Packet Length Mean', 'Packet Length Std', 'Packet Length Variance', 'FIN Flag Count',
  'SYN Flag Count', 'RST Flag Count', 'PSH Flag Count', 'ACK Flag Count', 'URG Flag Count',
  'CWE Flag Count', 'ECE Flag Count', 'Down/Up Ratio', 'Average Packet Size',
  'Avg Fwd Segment Size', 'Avg Bwd Segment Size', 'Fwd Header Length.1', 'Fwd Avg Bytes/Bulk',
  'Fwd Avg Packets/Bulk', 'Fwd Avg Bulk Rate', 'Bwd Avg Bytes/Bulk', 'Bwd Avg Packets/Bulk',
  'Bwd Avg Bulk Rate', 'Subflow Fwd Packets', 'Subflow Fwd Bytes', 'Subflow Bwd Packets',
  'Subflow Bwd Bytes', 'Init_Win_bytes_forward', 'Init_Win_bytes_backward', 'act_data_pkt_fwd',
  'min_seg_size_forward', 'Active Mean', 'Active Std', 'Active Max', 'Active Min', 'Idle Mean',
  'Idle Std', 'Idle Max', 'Idle Min',
] as const;

export const CIC_BENIGN = 'BENIGN';
// prettier-ignore
export const CIC_CATEGORIES = [
  'BENIGN', 'DoS', 'DDoS', 'PortScan', 'Bot', 'BruteForce', 'WebAttack', 'Infiltration', 'Heartbleed',
] as const;

/** Canonical label → category: the 15 official labels and the family labels of regrouped copies. */
const CATEGORY_OF: ReadonlyMap<string, string> = new Map([
  ['BENIGN', 'BENIGN'],
  ['DoS Hulk', 'DoS'],
  ['DoS GoldenEye', 'DoS'],
  ['DoS slowloris', 'DoS'],
  ['DoS Slowhttptest', 'DoS'],
  ['DDoS', 'DDoS'],
  ['PortScan', 'PortScan'],
  ['Bot', 'Bot'],
  ['FTP-Patator', 'BruteForce'],
  ['SSH-Patator', 'BruteForce'],
  ['Web Attack – Brute Force', 'WebAttack'],
  ['Web Attack – XSS', 'WebAttack'],
  ['Web Attack – Sql Injection', 'WebAttack'],
  ['Infiltration', 'Infiltration'],
  ['Heartbleed', 'Heartbleed'],
  ['DoS', 'DoS'],
  ['BruteForce', 'BruteForce'],
  ['WebAttack', 'WebAttack'],
]);

/**
 * What tells spellings apart once case, spaces, dashes and underscores are ignored. The dash of
 * the web-attack labels appears as '–', '-', U+0096 (Windows-1252 read as Latin-1), U+FFFD
 * (a lossy decode) or 'â€“' (UTF-8 read as Windows-1252 and saved again).
 */
function key(label: string): string {
  return label.toLowerCase().replace(/â€“|[\s\-_\u2013\u2014\u0096\ufffd]/g, '');
}

const BY_KEY: ReadonlyMap<string, string> = new Map(
  [...CATEGORY_OF.keys()].map((l) => [key(l), l]),
);

/**
 * The canonical spelling of a CIC-IDS2017 label, or undefined for an unknown one.
 *
 * @example
 * canonicalCicLabel('Web Attack - XSS'); // 'Web Attack – XSS'
 * canonicalCicLabel('Benign');           // 'BENIGN'
 */
export function canonicalCicLabel(raw: string): string | undefined {
  return BY_KEY.get(key(raw));
}

/** Category of a canonical label. */
export function cicCategory(label: string): string {
  return CATEGORY_OF.get(label)!;
}

/** The labels the loader accepts, for hints. */
export const CIC_LABELS: readonly string[] = [...CATEGORY_OF.keys()];
