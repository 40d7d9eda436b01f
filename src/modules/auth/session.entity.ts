import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A login session; the JWT's jti. Logout or a password change revokes it. */
@Entity('sessions')
export class Session {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}
