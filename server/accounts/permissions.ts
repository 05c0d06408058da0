import type { Em } from '../orm';
import type { Actor } from '../common/actor';
import { Role } from '../../schema/accounts/account.enums';
import { Responsibility, type ItemKind } from '../../schema/responsibilities/responsibility.entity';
import { AppError, ErrorCode } from '../errors';

/**
 * What the actor may do, checked by the services on every path (GraphQL, import, CLI) before any
 * write. ADMIN and SYSTEM: everything. EDITOR: the fields of rows their department holds a
 * responsibility for; not create, delete, responsibilities or links. VIEWER and API tokens: read.
 */
export class Permissions {
  constructor(
    private readonly em: Em,
    readonly actor: Actor,
  ) {}

  get isAdmin(): boolean {
    return this.actor.role === Role.ADMIN || this.actor.role === 'SYSTEM';
  }

  /** Signed in and allowed to write at all. */
  assertWrite(what: string): void {
    if (this.actor.role === null) throw new AppError(ErrorCode.UNAUTHENTICATED, `Sign in to ${what}.`);
    if (this.actor.readOnly) throw new AppError(ErrorCode.FORBIDDEN, `API tokens are read-only: they cannot ${what}.`);
    if (this.actor.role === Role.VIEWER) throw new AppError(ErrorCode.FORBIDDEN, `${this.actor.username} is a viewer and cannot ${what}.`);
  }

  assertAdmin(what: string): void {
    this.assertWrite(what);
    if (!this.isAdmin) throw new AppError(ErrorCode.FORBIDDEN, `Only the evaluation office (ADMIN) can ${what}.`);
  }

  /** Signed in (user or API token), for reads that are never public, such as the audit log. */
  assertSignedIn(what: string): void {
    if (this.actor.role === null) throw new AppError(ErrorCode.UNAUTHENTICATED, `Sign in to ${what}.`);
  }

  /** An EDITOR may change a row only where their department holds a responsibility. */
  async assertCanEdit(kind: ItemKind, itemId: number, typeName: string): Promise<void> {
    this.assertWrite(`change ${typeName} ${itemId}`);
    if (this.isAdmin) return;
    const held = this.actor.departmentId != null ? await this.em.count(Responsibility, { [kind]: itemId, department: this.actor.departmentId }) : 0;
    if (!held) throw new AppError(ErrorCode.FORBIDDEN, `${typeName} ${itemId} is not one of your department’s rows: you can change only rows your department leads or supports.`, { type: typeName, id: String(itemId) });
  }
}
