// Cash shifts: the box office's drawer, opened with a float, counted when closed; every cash
// payment and cash refund is recorded against one (cash-shifts.ts).
//
// What other folders may use of it:
export {
  closeShift,
  currentShift,
  listShifts,
  lockOpenShift,
  openShift,
  recordCashPayment,
  requireOpenShift,
} from './cash-shifts';
