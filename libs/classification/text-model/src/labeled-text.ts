/** One labeled text: an imported example, a closed complaint's confirmed category, or a correction. */
export interface LabeledText {
  readonly text: string;
  readonly label: string;
}
