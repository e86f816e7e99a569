import { Foundation1795449600000 } from './0001-foundation';
import { Repairs1795453200000 } from './0002-repairs';
import { Complaints1795456800000 } from './0003-complaints';
import { Notify1795460400000 } from './0004-notify';
import { AuthHardening1795464000000 } from './0005-auth-hardening';
import { IdempotencyInTransaction1795467600000 } from './0006-idempotency-in-transaction';
import { NotifyEvents1795471200000 } from './0007-notify-events';
import { EscalationFloors1795478400000 } from './0009-escalation-floors';
import { RepairVisitAgreement1795510000000 } from './0010-repair-visit-agreement';
import { BindingOwnerConsent1795530000000 } from './1795530000000-binding-owner-consent';
import { StaffSelfService1795540000000 } from './0010-staff-self-service';
import { Places1795550000000 } from './0010-places';
import { FeeItems1795560000000 } from './0012-fee-items';
import { Bills1795560000001 } from './0013-bills';
import { Ledger1795570000000 } from './0014-ledger';
import { MeterReadings1795580000000 } from './0015-meter-readings';
import { FeeContracts1795590000000 } from './0016-fee-contracts';
import { FeeReminders1795610000000 } from './0018-fee-reminders';
import { ArrearsReminders1795620000000 } from './1795620000000-arrears-reminders';
import { PaymentOrders1795630000000 } from './1795630000000-payment-orders';
import { PayRefunds1795650000000 } from './1795650000000-pay-refunds';
import { PayRefundFailure1795671300000 } from './1795671300000-pay-refund-failure';
import { PayReconBasis1795672000000 } from './1795672000000-pay-recon-basis';
import { Passes1795700000000 } from './1795700000000-passes';
import { Surveys1795800000000 } from './1795800000000-surveys';
import { Visits1795810000000 } from './1795810000000-visits';
import { Notices1795820000000 } from './1795820000000-notices';
import { Reports1795900000000 } from './1795900000000-reports';
import { ReportRollups1796000000000 } from './1796000000000-report-rollups';
import { ReportCoveringIndexes1796010000000 } from './1796010000000-report-covering-indexes';
import { NewResidentVisitReminders1796020000000 } from './1796020000000-new-resident-visit-reminders';

/** In order. Listed explicitly so the compiled server and the ESM test build load the same set. */
export const MIGRATIONS = [
  Foundation1795449600000,
  Repairs1795453200000,
  Complaints1795456800000,
  Notify1795460400000,
  AuthHardening1795464000000,
  IdempotencyInTransaction1795467600000,
  NotifyEvents1795471200000,
  EscalationFloors1795478400000,
  RepairVisitAgreement1795510000000,
  BindingOwnerConsent1795530000000,
  StaffSelfService1795540000000,
  Places1795550000000,
  FeeItems1795560000000,
  Bills1795560000001,
  Ledger1795570000000,
  MeterReadings1795580000000,
  FeeContracts1795590000000,
  FeeReminders1795610000000,
  ArrearsReminders1795620000000,
  PaymentOrders1795630000000,
  PayRefunds1795650000000,
  PayRefundFailure1795671300000,
  PayReconBasis1795672000000,
  Passes1795700000000,
  Surveys1795800000000,
  Visits1795810000000,
  Notices1795820000000,
  Reports1795900000000,
  ReportRollups1796000000000,
  ReportCoveringIndexes1796010000000,
  NewResidentVisitReminders1796020000000,
];
