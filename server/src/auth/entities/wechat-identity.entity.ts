import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { App } from '@linli/shared';

/** One WeChat openid of a user in one mini-program (resident or staff app). */
@Entity('wechat_identities')
@Index('uq_wechat_identities_openid', ['appid', 'openid'], { unique: true })
@Index('ix_wechat_identities_user', ['userId'])
export class WechatIdentity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 16 }) app: App;
  @Column({ type: 'varchar', length: 64 }) appid: string;
  @Column({ type: 'varchar', length: 64 }) openid: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) unionid: string | null;
}
