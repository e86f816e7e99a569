import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, VisitIssueKind, VisitIssueView } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { ScopeService } from '../../common/scope';
import { ComplaintIntakeService } from '../../tickets/complaints/complaint-intake.service';
import { StaffIntakeComplaintDto } from '../../tickets/complaints/dto/complaint.dto';
import { StaffIntakeRepairDto } from '../../tickets/repairs/dto/repair.dto';
import { RepairIntakeService } from '../../tickets/repairs/repair-intake.service';
import { VisitIssueTicketDto } from './dto/visits.dto';
import { assertVisible, issueOf } from './customer-visits.service';
import { VisitIssue } from './entities/visit-issue.entity';

type Row = Record<string, unknown>;

/**
 * An issue raised in a customer visit becomes a repair or complaint in one tap: the desk's own intake (channel
 * `visit`, 上门), with the issue linked in the ticket's transaction (compare-and-set: of two taps one makes the
 * ticket, the other is rolled back and answered with the first one's link).
 */
@Injectable()
export class VisitTicketsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly repairs: RepairIntakeService,
    private readonly complaints: ComplaintIntakeService,
  ) {}

  async toTicket(caller: Caller, visitId: number, issueId: number, dto: VisitIssueTicketDto): Promise<VisitIssueView> {
    const scope = await this.scopes.resolve(caller);
    const [row]: Row[] = await this.ds.query(
      `SELECT i.id, i.kind, i.text, i.ticket_id, i.created_at, i.company_id, i.community_id, t.no,
              v.room_id, v.household_name, r.owner_name, r.owner_phone
         FROM visit_issues i JOIN customer_visits v ON v.id = i.visit_id
         LEFT JOIN rooms r ON r.id = v.room_id LEFT JOIN tickets t ON t.id = i.ticket_id
        WHERE i.id = ? AND i.visit_id = ?`,
      [issueId, visitId],
    );
    assertVisible(scope, row);
    // a second tap (or a retry after a lost answer): the link already made
    if (row.ticket_id !== null && row.ticket_id !== undefined) return issueOf(row);
    const link = async (em: EntityManager, ticketId: number, no: string) => {
      const res = await em
        .createQueryBuilder()
        .update(VisitIssue)
        .set({ ticketId, version: () => 'version + 1' })
        .where('id = :issueId AND ticket_id IS NULL', { issueId })
        .execute();
      if (!res.affected) throw AppError.conflict(ErrorCode.Conflict, '该问题已转为工单');
      linked = { ...row, ticket_id: ticketId, no };
    };
    let linked: Row = row;
    const roomId = row.room_id === null ? undefined : Number(row.room_id);
    const contactName = dto.contactName ?? (row.household_name as string | null) ?? (row.owner_name as string | null) ?? undefined;
    const contactPhone = dto.contactPhone ?? (row.owner_phone as string | null) ?? undefined;
    const base = { communityId: Number(row.community_id), roomId, channel: 'visit' as const };
    try {
      if ((row.kind as VisitIssueKind) === 'repair') {
        if (!contactName || !contactPhone) throw AppError.badRequest('该房屋没有登记业主联系方式，请填写联系人和联系电话');
        const repair = { ...base, category: dto.category ?? 'other', description: String(row.text), contactName, contactPhone };
        if (roomId === undefined) Object.assign(repair, { publicLocation: '客户访谈' });
        await this.repairs.intakeByStaff(caller, repair as StaffIntakeRepairDto, link);
      } else {
        const complaint = { ...base, kind: 'complaint', category: dto.complaintCategory ?? 'other', text: String(row.text), contactName, contactPhone };
        await this.complaints.intakeByStaff(caller, complaint as StaffIntakeComplaintDto, link);
      }
    } catch (e) {
      // the other tap won: its link is the answer
      const [now]: Row[] = await this.ds.query(`SELECT i.ticket_id, t.no FROM visit_issues i LEFT JOIN tickets t ON t.id = i.ticket_id WHERE i.id = ?`, [
        issueId,
      ]);
      if (now?.ticket_id !== null && now?.ticket_id !== undefined) return issueOf({ ...row, ...now });
      throw e;
    }
    return issueOf(linked);
  }
}
