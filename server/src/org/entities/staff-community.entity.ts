import { Entity, Index, PrimaryColumn } from 'typeorm';

/** Which communities a staff member works in. Admins see every community of their company without rows here. */
@Entity('staff_communities')
@Index('ix_staff_communities_community', ['communityId'])
export class StaffCommunity {
  @PrimaryColumn({ name: 'user_id', type: 'int' }) userId: number;
  @PrimaryColumn({ name: 'community_id', type: 'int' }) communityId: number;
}
