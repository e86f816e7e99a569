import { AuditLog } from '../common/entities/audit-log.entity';
import { IdempotencyKey } from '../common/entities/idempotency-key.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { User } from '../auth/entities/user.entity';
import { WechatIdentity } from '../auth/entities/wechat-identity.entity';
import { Building } from '../org/entities/building.entity';
import { Community } from '../org/entities/community.entity';
import { Company } from '../org/entities/company.entity';
import { Room } from '../org/entities/room.entity';
import { RoomBinding } from '../org/entities/room-binding.entity';
import { StaffCommunity } from '../org/entities/staff-community.entity';
import { Unit } from '../org/entities/unit.entity';
import { ImportJob } from '../org/import/import-job.entity';
import { CalendarDay, CalendarYear } from '../sla/entities/calendar-day.entity';
import { SlaClock } from '../sla/entities/clock.entity';
import { Document } from '../documents/document.entity';
import { Upload } from '../storage/upload.entity';
import { FeeItem } from '../fees/entities/fee-item.entity';
import { BillLine } from '../fees/entities/bill-line.entity';
import { BillRun } from '../fees/entities/bill-run.entity';
import { Payment } from '../fees/entities/payment.entity';
import { PaymentAllocation } from '../fees/entities/payment-allocation.entity';
import { RefundAllocation } from '../fees/entities/refund-allocation.entity';
import { ArrearsReminder } from '../fees/entities/arrears-reminder.entity';
import { PaymentOrder } from '../pay/entities/payment-order.entity';
import { PayRefund } from '../pay/entities/pay-refund.entity';
import { ReceiptCounter } from '../fees/entities/receipt-counter.entity';
import { FeeRequest } from '../fees/entities/fee-request.entity';
import { FeeReminder } from '../fees/entities/fee-reminder.entity';
import { PublicIncome } from '../fees/entities/public-income.entity';
import { FeeContract } from '../fees/entities/fee-contract.entity';
import { CashierClose } from '../fees/entities/cashier-close.entity';
import { MeterReading } from '../fees/entities/meter-reading.entity';
import { PriceItem } from '../tickets/entities/price-item.entity';
import { TicketCharge } from '../tickets/entities/ticket-charge.entity';
import { TicketCounter } from '../tickets/entities/ticket-counter.entity';
import { TicketEvent } from '../tickets/entities/ticket-event.entity';
import { Ticket } from '../tickets/entities/ticket.entity';
import { TicketReply } from '../tickets/entities/ticket-reply.entity';
import { CommunityChannel, EscalationPolicy, Notification, OutboxMessage, SubscribeBalance } from '../notify/notify.entities';
import { NotifyEvent } from '../notify/notify-event.entity';
import { DutyShift } from '../duty/duty-shift.entity';
import { ComplaintRecord } from '../tickets/complaints/entities/complaint-record.entity';
import { Pass } from '../passes/entities/pass.entity';
import { PassScan } from '../passes/entities/pass-scan.entity';
import { DecorationPermit } from '../passes/entities/decoration-permit.entity';
import { PassPolicy } from '../passes/entities/pass-policy.entity';
import { SURVEY_ENTITIES } from '../engage/surveys/survey.entities';
import { NewResidentVisit } from '../engage/visits/entities/new-resident-visit.entity';
import { CustomerVisit } from '../engage/visits/entities/customer-visit.entity';
import { VisitIssue } from '../engage/visits/entities/visit-issue.entity';
import { Notice, NoticeRead, NoticeTarget } from '../engage/notices/notice.entities';

export const ENTITIES = [
  Company,
  Community,
  Building,
  Unit,
  Room,
  ImportJob,
  StaffCommunity,
  RoomBinding,
  User,
  WechatIdentity,
  RefreshToken,
  AuditLog,
  IdempotencyKey,
  SlaClock,
  Ticket,
  TicketEvent,
  TicketCounter,
  TicketCharge,
  PriceItem,
  Upload,
  TicketReply,
  ComplaintRecord,
  CalendarDay,
  CalendarYear,
  Document,
  OutboxMessage,
  Notification,
  SubscribeBalance,
  CommunityChannel,
  EscalationPolicy,
  DutyShift,
  NotifyEvent,
  FeeItem,
  BillLine,
  BillRun,
  Payment,
  PaymentAllocation,
  RefundAllocation,
  ArrearsReminder,
  PaymentOrder,
  PayRefund,
  ReceiptCounter,
  FeeRequest,
  FeeReminder,
  PublicIncome,
  CashierClose,
  MeterReading,
  FeeContract,
  Pass,
  PassScan,
  DecorationPermit,
  PassPolicy,
  ...SURVEY_ENTITIES,
  NewResidentVisit,
  CustomerVisit,
  VisitIssue,
  Notice,
  NoticeTarget,
  NoticeRead,
];
