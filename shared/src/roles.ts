/** Roles from DOMAIN.md. `resident` uses the resident app; every other role is staff. */
export const Role = {
  Resident: 'resident',
  Agent: 'agent',
  Supervisor: 'supervisor',
  Technician: 'technician',
  Guard: 'guard',
  Cashier: 'cashier',
  Manager: 'manager',
  Admin: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const STAFF_ROLES: readonly Role[] = [Role.Agent, Role.Supervisor, Role.Technician, Role.Guard, Role.Cashier, Role.Manager, Role.Admin];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '业主',
  agent: '客服专员',
  supervisor: '客服主管',
  technician: '维修工',
  guard: '保安',
  cashier: '收银员',
  manager: '服务中心经理',
  admin: '公司管理员',
};

export function isStaffRole(r: string): r is Role {
  return (STAFF_ROLES as readonly string[]).includes(r);
}

/** Roles that need a resident's full phone number for their work without an audited reveal. */
export const ROLES_SEEING_FULL_PHONE: readonly Role[] = [];

export const App = { Resident: 'resident', Staff: 'staff' } as const;
export type App = (typeof App)[keyof typeof App];
