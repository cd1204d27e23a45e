/** "1 blank line", "12 blank lines": counts in notes read as sentences. */
export function counted(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
