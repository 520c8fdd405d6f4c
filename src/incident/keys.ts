// Message keys chosen by a value (a deadline's status, an entry's kind), written whole so that a search
// of the code finds every key the catalogue holds (tests/unit/shared/messages.test.ts relies on it).

export const STATUS_KEYS = {
  met: 'pdf.incident_status_met',
  missed: 'pdf.incident_status_missed',
  open: 'pdf.incident_status_open',
  untimed: 'pdf.incident_status_untimed',
} as const;

export const KIND_KEYS: Record<string, string> = {
  start: 'pdf.incident_kind_start',
  step: 'pdf.incident_kind_step',
  untick: 'pdf.incident_kind_untick',
  note: 'pdf.incident_kind_note',
  decision: 'pdf.incident_kind_decision',
  cost: 'pdf.incident_kind_cost',
  consent: 'pdf.incident_kind_consent',
  severity: 'pdf.incident_kind_severity',
};

/** Entry kinds whose timeline line is their own text under a heading word. */
export const WHAT_KEYS: Record<string, string> = {
  note: 'pdf.incident_what_note',
  decision: 'pdf.incident_what_decision',
};

export const LEGEND_KEYS = {
  step: 'pdf.incident_legend_step',
  note: 'pdf.incident_legend_note',
  money: 'pdf.incident_legend_money',
  other: 'pdf.incident_legend_other',
} as const;

/** The after-action meeting's questions, in the order the report asks them. */
export const QUESTION_KEYS = [
  'pdf.incident_q1',
  'pdf.incident_q2',
  'pdf.incident_q3',
  'pdf.incident_q4',
  'pdf.incident_q5',
  'pdf.incident_q6',
  'pdf.incident_q7',
  'pdf.incident_q8',
  'pdf.incident_q9',
] as const;
