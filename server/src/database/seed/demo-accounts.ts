import { DemoAccounts } from '@linli/shared';

export const DEMO_PASSWORD = 'linli123';

/** The demo logins seeded by demo-seed.ts; shown by the H5 login pages and printed by `npm start`. */
export const DEMO_ACCOUNTS: DemoAccounts = {
  residents: [
    { code: 'zhangsan', name: '张三', note: '锦绣花园 1栋1单元101 业主（已绑定）' },
    { code: 'lisi', name: '李四', note: '锦绣花园 2栋2单元202 租户（已绑定）' },
    { code: 'chenliu', name: '陈六', note: '翠湖苑 1栋1单元101 业主（已绑定）' },
    { code: 'wangwu', name: '王五', note: '新用户，未绑定；手机号 13800000003 是锦绣花园 2栋1单元301 的业主登记号码' },
  ],
  staff: [
    { username: 'admin', password: DEMO_PASSWORD, name: '周管理', roles: ['admin'] },
    { username: 'manager1', password: DEMO_PASSWORD, name: '王经理', roles: ['manager'] },
    { username: 'supervisor1', password: DEMO_PASSWORD, name: '李主管', roles: ['supervisor'] },
    { username: 'agent1', password: DEMO_PASSWORD, name: '张客服', roles: ['agent'] },
    { username: 'technician1', password: DEMO_PASSWORD, name: '赵师傅', roles: ['technician'] },
    { username: 'guard1', password: DEMO_PASSWORD, name: '钱保安', roles: ['guard'] },
    { username: 'cashier1', password: DEMO_PASSWORD, name: '孙收银', roles: ['cashier'] },
    { username: 'supervisor2', password: DEMO_PASSWORD, name: '吴主管（翠湖苑）', roles: ['supervisor'] },
    { username: 'agent2', password: DEMO_PASSWORD, name: '郑客服（翠湖苑）', roles: ['agent'] },
  ],
};
