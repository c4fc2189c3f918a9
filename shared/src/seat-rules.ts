// The cinema's seat rules, one function for the server (holds.create enforces them) and the seat
// map (explains them before the customer presses Continue):
// - no single empty seat stranded between the selection and another taken seat or the row's end
//   (an aisle ends a row's block as the wall does), when the cinema asks for it;
// - a companion seat only together with its wheelchair space.

export interface TRuleSeat {
  id: string;
  /** Grid position: seats of one block sit at consecutive x on one y. */
  x: number;
  y: number;
  label: string;
  type: string;
  companionOfId: string | null;
  /** Held, sold or blocked by someone else (not counting this customer's own open hold). */
  taken: boolean;
}

export type TSeatRuleViolation =
  | { rule: 'single-gap'; seatIds: string[]; labels: string[] }
  | { rule: 'companion-alone'; seatIds: string[]; labels: string[] };

/**
 * What the selection breaks. `seats` must hold every seat of the rows the selection touches (for
 * the gap rule) and the wheelchair spaces of selected companion seats.
 */
export function seatRuleViolations(
  seats: readonly TRuleSeat[],
  selectedIds: readonly string[],
  { noSingleSeatGap }: { noSingleSeatGap: boolean },
): TSeatRuleViolation[] {
  const selected = new Set(selectedIds);
  const byId = new Map(seats.map((s) => [s.id, s]));
  const violations: TSeatRuleViolation[] = [];

  const lonelyCompanions = selectedIds
    .map((id) => byId.get(id))
    .filter(
      (s): s is TRuleSeat => !!s && s.type === 'COMPANION' && !!s.companionOfId && !selected.has(s.companionOfId),
    );
  if (lonelyCompanions.length)
    violations.push({
      rule: 'companion-alone',
      seatIds: lonelyCompanions.map((s) => s.id),
      labels: lonelyCompanions.map((s) => s.label),
    });

  if (noSingleSeatGap) {
    const stranded: TRuleSeat[] = [];
    const rows = new Map<number, TRuleSeat[]>();
    for (const s of seats) rows.set(s.y, [...(rows.get(s.y) ?? []), s]);
    for (const [y, row] of rows) {
      if (!selectedIds.some((id) => byId.get(id)?.y === y)) continue;
      const sorted = [...row].sort((a, b) => a.x - b.x);
      const at = new Map(sorted.map((s) => [s.x, s]));
      const occupied = (s: TRuleSeat | undefined) => s === undefined || s.taken || selected.has(s.id); // undefined: aisle or row end
      for (const seat of sorted) {
        if (occupied(seat)) continue;
        const left = at.get(seat.x - 1);
        const right = at.get(seat.x + 1);
        const byLeft = left !== undefined && selected.has(left.id) && occupied(right);
        const byRight = right !== undefined && selected.has(right.id) && occupied(left);
        if (byLeft || byRight) stranded.push(seat);
      }
    }
    if (stranded.length)
      violations.push({ rule: 'single-gap', seatIds: stranded.map((s) => s.id), labels: stranded.map((s) => s.label) });
  }
  return violations;
}
