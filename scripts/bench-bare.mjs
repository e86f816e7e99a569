// The bare server of `npm run bench` (started by scripts/bench.mjs in its own process, so its CPU time is its own):
// node:http + mysql2 issuing the statements the real server issues for these endpoints — the same SQL text, tables,
// number and order (transactions, multi-row clock upsert, notify_events row, the JSON-aggregating detail SELECT),
// with nothing around them: no framework, no ORM, no validation, no auth. Like the real server it keeps each
// caller's scope for AUTH_CACHE_TTL_MS (5 s) and builds create's and accept's answers from what it wrote.
// Counts its own statements (x-sql-statements); GET /last-sql gives the SQL of the last request.
import * as http from 'node:http';
import mysql from 'mysql2/promise';

const TICKET = [
  'id',
  'company_id',
  'community_id',
  'room_id',
  'kind',
  'no',
  'category',
  'emergency',
  'status',
  'is_open',
  'tier',
  'tier_rank',
  'sla_due_at',
  'breached',
  'description',
  'location',
  'contact_name',
  'contact_phone',
  'preferred_from',
  'preferred_to',
  'channel',
  'reporter_id',
  'owner_id',
  'assignee_id',
  'received_at',
  'accepted_at',
  'agreed_visit_at',
  'proposed_visit_at',
  'proposed_by',
  'held_from',
  'hold_reason',
  'completed_at',
  'cancel_reason',
  'free_of_charge',
  'charge_total_cents',
  'last_urged_at',
  'rating',
  'rating_comment',
  'return_visit_satisfied',
  'return_visit_notes',
  'return_visit_at',
  'complaint_class',
  'anonymous',
  'written_reply_wanted',
  'written_reply_requested_at',
  'received_by',
  'backfilled_by',
  'coordinator_id',
  'resolution_due_date',
  'measures',
  'version',
  'created_at',
  'updated_at',
];
const CLOCK = [
  'id',
  'company_id',
  'community_id',
  'subject_type',
  'subject_id',
  'name',
  'state',
  'started_at',
  'due_at',
  'met_at',
  'paused_at',
  'paused_ms',
  'breached',
  'escalation_level',
];
const EVENT = ['id', 'ticket_id', 'type', 'actor_id', 'actor_role', 'payload', 'at'];
const UPLOAD = ['id', 'company_id', 'uploader_id', 'subject_type', 'subject_id', 'purpose', 'storage_key', 'mime', 'size', 'created_at'];
const CHARGE = ['id', 'ticket_id', 'room_id', 'price_item_id', 'name', 'unit', 'unit_price_cents', 'quantity', 'amount_cents', 'billed_at'];
const NOTIFY = ['id', 'dedupe_key', 'kind', 'company_id', 'payload', 'status', 'attempts', 'next_attempt_at', 'last_error', 'created_at', 'done_at'];
const LIST = [
  'id',
  'no',
  'company_id',
  'community_id',
  'room_id',
  'location',
  'category',
  'emergency',
  'tier',
  'tier_rank',
  'status',
  'is_open',
  'sla_due_at',
  'description',
  'channel',
  'assignee_id',
  'last_urged_at',
  'received_at',
  'version',
];

const q = (c) => `\`${c}\``;
const camel = (c) => c.replace(/_(\w)/g, (_, x) => x.toUpperCase());
/** TypeORM's INSERT: every column, DEFAULT where the row has no value */
const insertSql = (table, cols, row) =>
  `INSERT INTO ${q(table)}(${cols.map(q).join(', ')}) VALUES (${cols.map((c) => (c in row ? '?' : 'DEFAULT')).join(', ')})`;
const insertParams = (cols, row) => cols.filter((c) => c in row).map((c) => row[c]);
const jsonRows = (cols, alias, from, extra = {}) =>
  `(SELECT COALESCE(JSON_ARRAYAGG(JSON_OBJECT(${[...cols.map((c) => `'${c}', ${alias}.${c}`), ...Object.entries(extra).map(([k, v]) => `'${k}', ${v}`)].join(', ')})), '[]') ${from})`;
const SCOPE_SQL = [
  'SELECT ? AS t, active AS a, token_version AS b, kind AS k, roles AS r FROM users WHERE id = ? AND company_id = ?',
  "SELECT 'b', room_id, community_id, NULL, NULL FROM room_bindings WHERE user_id = ? AND company_id = ? AND status = 'approved'",
  "SELECT 's', sc.community_id, NULL, NULL, NULL FROM staff_communities sc JOIN communities c ON c.id = sc.community_id WHERE sc.user_id = ? AND c.company_id = ?",
  "SELECT 'c', id, NULL, NULL, NULL FROM communities WHERE company_id = ?",
].join(' UNION ALL ');
const PLACE_SQL = `SELECT u.name AS user_name, u.phone AS user_phone, r.company_id, r.community_id, r.label, c.name AS community_name, c.duty_phone,
           (SELECT b.name FROM room_bindings b WHERE b.user_id = u.id AND b.room_id = r.id AND b.status = 'approved' ORDER BY b.id LIMIT 1) AS binding_name
         FROM users u JOIN rooms r ON r.id = ? JOIN communities c ON c.id = r.community_id WHERE u.id = ?`;
const COUNTER_SQL =
  'INSERT INTO ticket_counters (community_id, prefix, day, seq) VALUES (?, ?, ?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + 1)';
/** the repair with its names and its clocks, timeline, photos and charges as JSON columns (the real server's loader) */
const detailSql = (withCaller) =>
  [
    `SELECT ${TICKET.map((c) => `\`t\`.${q(c)} AS ${q(`t_${c}`)}`).join(', ')}, \`c\`.\`name\` AS community_name, \`c\`.\`duty_phone\` AS duty_phone, \`o\`.\`name\` AS owner_name, \`a\`.\`name\` AS assignee_name`,
    `${jsonRows(CLOCK, 'k', "FROM clocks k WHERE k.subject_type = 'ticket' AND k.subject_id = `t`.`id`")} AS \`clocks_json\``,
    `${jsonRows(EVENT, 'e', 'FROM ticket_events e LEFT JOIN users eu ON eu.id = e.actor_id WHERE e.ticket_id = `t`.`id`', { actor_name: 'eu.name' })} AS \`events_json\``,
    `${jsonRows(UPLOAD, 'up', "FROM uploads up WHERE up.subject_type = 'ticket' AND up.subject_id = `t`.`id`")} AS \`uploads_json\``,
    `${jsonRows(CHARGE, 'ch', 'FROM ticket_charges ch WHERE ch.ticket_id = `t`.`id`')} AS \`charges_json\``,
    `(SELECT GROUP_CONCAT(COALESCE(o.agreed_visit_at, o.proposed_visit_at)) FROM tickets o
       WHERE o.assignee_id = \`t\`.\`assignee_id\` AND o.is_open = 1 AND \`o\`.\`id\` <> \`t\`.\`id\` AND COALESCE(o.agreed_visit_at, o.proposed_visit_at) IS NOT NULL) AS \`busy_at\``,
    ...(withCaller ? ['(SELECT cu.name FROM users cu WHERE cu.id = ?) AS `caller_name`'] : []),
  ].join(', ') +
  ' FROM `tickets` `t` LEFT JOIN `communities` `c` ON `c`.`id` = `t`.`community_id`  LEFT JOIN `users` `o` ON `o`.`id` = `t`.`owner_id`  LEFT JOIN `users` `a` ON `a`.`id` = `t`.`assignee_id` WHERE `t`.`id` = ? AND `t`.`company_id` = ? AND `t`.`kind` = ?';
const LIST_SQL =
  `SELECT ${LIST.map((c) => `\`t\`.${q(c)} AS ${q(`t_${c}`)}`).join(', ')}, \`c\`.\`name\` AS \`community_name\`, \`c\`.\`id\` AS \`c_id\`, \`a\`.\`name\` AS \`assignee_name\`, \`a\`.\`id\` AS \`a_id\`` +
  ' FROM `tickets` `t` LEFT JOIN `communities` `c` ON `c`.`id` = `t`.`community_id`  LEFT JOIN `users` `a` ON `a`.`id` = `t`.`assignee_id` WHERE `t`.`company_id` = ? AND `t`.`kind` = ? AND (`t`.`reporter_id` = ? OR `t`.`room_id` IN (?)) ORDER BY `t_id` DESC LIMIT 21';
const listClocksSql = (n) =>
  `SELECT ${CLOCK.map((c) => `\`SlaClock\`.${q(c)} AS ${q(`SlaClock_${c}`)}`).join(', ')} FROM \`clocks\` \`SlaClock\` WHERE ((\`SlaClock\`.\`subject_type\` = ?) AND (\`SlaClock\`.\`subject_id\` IN (${Array(n).fill('?').join(', ')}))) ORDER BY \`SlaClock\`.\`id\` ASC`;
const UPSERT_SET = CLOCK.slice(6, 13)
  .map((k) => `${k} = VALUES(${k})`)
  .concat('escalation_level = CASE WHEN VALUES(escalation_level) < 0 THEN escalation_level ELSE VALUES(escalation_level) END')
  .join(', ');
const upsertClocksSql = (n) =>
  `INSERT INTO clocks (${CLOCK.join(', ')}) VALUES ${Array(n)
    .fill(`(${CLOCK.map(() => '?').join(', ')})`)
    .join(', ')} ON DUPLICATE KEY UPDATE ${UPSERT_SET}`;
const ACCEPT_SQL =
  'UPDATE `tickets` SET `status` = ?, `is_open` = ?, `updated_at` = ?, `tier` = ?, `tier_rank` = ?, `accepted_at` = ?, `owner_id` = ?, `sla_due_at` = ?, `breached` = ?, `version` = ? WHERE `id` = ? AND `version` = ?';

const sqlTime = (d) => d.toISOString().replace('T', ' ').replace('Z', '');
/** the ticket's columns as an entity snapshot (camelCase), the notify_events payload */
const snapshot = (t) => Object.fromEntries(TICKET.map((c) => [camel(c), t[c] ?? null]));
const clockView = (k) => ({ name: k.name, state: k.state, startedAt: k.started_at, dueAt: k.due_at, metAt: k.met_at, breached: !!k.breached });
const view = (t, communityName, clocks, events) => ({
  id: t.id,
  no: t.no,
  communityName,
  location: t.location,
  status: t.status,
  tier: t.tier,
  version: t.version,
  nextClock: clockView(clocks.find((k) => k.state === 'running') ?? clocks[0]),
  clocks: clocks.map(clockView),
  timeline: events.map((e) => ({ id: e.id, type: e.type, actorRole: e.actor_role, at: e.at, payload: e.payload })),
});

async function bareServer({ conn, db, me, agent }) {
  const pool = mysql.createPool({ ...conn, database: db, connectionLimit: 20, timezone: 'Z' });
  let lastSql = [];
  const counted = async (fn) => {
    const raw = await pool.getConnection();
    const sql = [];
    const c = {
      query: (s, p) => (sql.push(s), raw.query(s, p)),
      begin: () => (sql.push('START TRANSACTION'), raw.beginTransaction()),
      commit: () => (sql.push('COMMIT'), raw.commit()),
    };
    try {
      return { body: await fn(c), n: sql.length };
    } catch (e) {
      await raw.rollback().catch(() => {});
      throw e;
    } finally {
      lastSql = sql;
      raw.release();
    }
  };
  // the scope of each caller, one statement at most every 5 s (the real server's AccessCache)
  const scopes = new Map();
  const scope = async (c, u) => {
    const hit = scopes.get(u.id);
    if (hit && Date.now() - hit.at < 5000) return hit.rooms;
    const [rows] = await c.query(SCOPE_SQL, ['u', u.id, u.companyId, u.id, u.companyId, u.id, u.companyId, u.companyId]);
    const rooms = rows.filter((r) => r.t === 'b').map((r) => Number(r.a));
    scopes.set(u.id, { at: Date.now(), rooms });
    return rooms;
  };
  const notifyRow = (c, t, e) => {
    // pending far in the future: the real server's worker (same database) must not expand the bare server's rows
    const row = {
      dedupe_key: `ticket:${t.id}:event:${e.id}`,
      kind: 'ticket_event',
      company_id: t.company_id,
      payload: JSON.stringify({ ticketId: t.id, eventId: e.id, ticket: snapshot(t) }),
      status: 'pending',
      attempts: 0,
      next_attempt_at: new Date('2099-01-01T00:00:00Z'),
      last_error: null,
      created_at: e.at,
      done_at: null,
    };
    return c.query(insertSql('notify_events', NOTIFY, row), insertParams(NOTIFY, row));
  };
  const addEvent = async (c, row) => {
    const [r] = await c.query(insertSql('ticket_events', EVENT, row), insertParams(EVENT, row));
    return { ...row, id: r.insertId };
  };

  const create = (dto) =>
    counted(async (c) => {
      await scope(c, me);
      const [[p]] = await c.query(PLACE_SQL, [dto.roomId, me.id]);
      const at = new Date();
      const day = new Date(at.getTime() + 8 * 3600e3).toISOString().slice(0, 10).replace(/-/g, '');
      const [n] = await c.query(COUNTER_SQL, [p.community_id, 'BX', day]);
      const due = new Date(at.getTime() + 3600e3);
      await c.begin();
      const t = {
        ...{ company_id: p.company_id, community_id: p.community_id, room_id: dto.roomId, kind: 'repair' },
        ...{ no: `BX-${day}-${String(n.insertId).padStart(4, '0')}`, category: dto.category, emergency: null, status: 'submitted', is_open: true },
        ...{ tier: null, tier_rank: 9, sla_due_at: due, breached: false, description: dto.description, location: p.label },
        ...{ contact_name: p.binding_name ?? p.user_name, contact_phone: p.user_phone, preferred_from: null, preferred_to: null },
        ...{ channel: 'miniapp', reporter_id: me.id, owner_id: null, assignee_id: null, received_at: at, charge_total_cents: 0 },
        ...{ version: 1, created_at: at, updated_at: at },
      };
      const [ins] = await c.query(insertSql('tickets', TICKET, t), insertParams(TICKET, t));
      t.id = ins.insertId;
      const k = { company_id: t.company_id, community_id: t.community_id, subject_type: 'ticket', subject_id: t.id, name: 'initial_feedback' };
      Object.assign(k, { state: 'running', started_at: at, due_at: due, met_at: null, paused_at: null, paused_ms: 0, breached: 0, escalation_level: 0 });
      const [kr] = await c.query(insertSql('clocks', CLOCK, k), insertParams(CLOCK, k));
      k.id = kr.insertId;
      const payload = JSON.stringify({ channel: 'miniapp', category: dto.category, emergency: null });
      const e = await addEvent(c, { ticket_id: t.id, type: 'created', actor_id: me.id, actor_role: 'resident', payload, at });
      await notifyRow(c, t, e);
      await c.commit();
      return view(t, p.community_name, [k], [e]);
    });

  const accept = (id, dto) =>
    counted(async (c) => {
      await scope(c, agent);
      await c.begin();
      const [[r]] = await c.query(detailSql(true), [agent.id, id, agent.companyId, 'repair']);
      const t = Object.fromEntries(TICKET.map((col) => [col, r[`t_${col}`]]));
      if (t.version !== dto.version || t.status !== 'submitted') throw new Error('409');
      const at = new Date();
      const clocks = JSON.parse(r.clocks_json);
      const feedback = clocks.find((k) => k.name === 'initial_feedback');
      Object.assign(feedback, { state: 'met', met_at: at, escalation_level: -1 });
      const fresh = [
        ['dispatch', 120e3],
        ['arrival', 86400e3],
      ].map(([name, ms]) => ({
        ...{ id: null, company_id: t.company_id, community_id: t.community_id, subject_type: 'ticket', subject_id: id, name, state: 'running' },
        ...{ started_at: at, due_at: new Date(at.getTime() + ms), met_at: null, paused_at: null, paused_ms: 0, breached: 0, escalation_level: 0 },
      }));
      const rows = [feedback, ...fresh];
      // JSON_OBJECT gives datetimes as 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC)
      const time = (v) => (v == null ? null : typeof v === 'string' ? v.slice(0, 23) : sqlTime(v));
      const params = rows.flatMap((k) => CLOCK.map((col) => (['started_at', 'due_at', 'met_at', 'paused_at'].includes(col) ? time(k[col]) : k[col])));
      const [up] = await c.query(upsertClocksSql(rows.length), params);
      fresh.forEach((k, i) => (k.id = up.insertId + i));
      const changes = { status: 'accepted', is_open: true, updated_at: at, tier: dto.tier, tier_rank: 3, accepted_at: at, owner_id: agent.id };
      Object.assign(changes, { sla_due_at: fresh[0].due_at, breached: false, version: t.version + 1 });
      const [u] = await c.query(ACCEPT_SQL, [...Object.values(changes), id, t.version]);
      if (!u.affectedRows) throw new Error('409');
      Object.assign(t, changes);
      const payload = JSON.stringify({ tier: dto.tier, auto: false });
      const e = await addEvent(c, { ticket_id: id, type: 'accepted', actor_id: agent.id, actor_role: 'agent', payload, at });
      await notifyRow(c, t, e);
      await c.commit();
      return view(t, r.community_name, rows, [...JSON.parse(r.events_json), e]);
    });

  const detail = (id) =>
    counted(async (c) => {
      await scope(c, me);
      const [[r]] = await c.query(detailSql(false), [id, me.companyId, 'repair']);
      const t = Object.fromEntries(TICKET.map((col) => [col, r[`t_${col}`]]));
      const byId = (a) => a.sort((x, y) => x.id - y.id);
      return view(t, r.community_name, byId(JSON.parse(r.clocks_json)), byId(JSON.parse(r.events_json)));
    });

  const list = () =>
    counted(async (c) => {
      const rooms = await scope(c, me);
      const [rows] = await c.query(LIST_SQL, [me.companyId, 'repair', me.id, rooms.length ? rooms : [0]]);
      const page = rows.slice(0, 20);
      const [clocks] = page.length ? await c.query(listClocksSql(page.length), ['ticket', ...page.map((r) => r.t_id)]) : [[]];
      const items = page.map((r) => {
        const own = clocks.filter((k) => k.SlaClock_subject_id === r.t_id && k.SlaClock_state === 'running');
        return { id: r.t_id, no: r.t_no, status: r.t_status, communityName: r.community_name, nextClock: own[0] ? { name: own[0].SlaClock_name } : null };
      });
      return { items, nextCursor: rows.length > 20 ? page[19].t_id : null };
    });

  const srv = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      const send = (status, body, n) =>
        res.writeHead(status, { 'content-type': 'application/json', ...(n === undefined ? {} : { 'x-sql-statements': String(n) }) }).end(JSON.stringify(body));
      if (url.pathname === '/cpu') return send(200, process.cpuUsage());
      if (url.pathname === '/last-sql') return send(200, lastSql);
      let body = '';
      for await (const chunk of req) body += chunk;
      const m = /^\/repairs\/(\d+)(\/accept)?$/.exec(url.pathname);
      const isCreate = req.method === 'POST' && url.pathname === '/repairs';
      const out = isCreate
        ? await create(JSON.parse(body))
        : m?.[2]
          ? await accept(Number(m[1]), JSON.parse(body))
          : m
            ? await detail(Number(m[1]))
            : await list();
      send(isCreate ? 201 : 200, out.body, out.n);
    } catch (e) {
      if (!res.headersSent) res.writeHead(String(e.message) === '409' ? 409 : 500).end(String(e));
    }
  });
  srv.listen(0, '127.0.0.1', () => console.log(`BARE_LISTENING http://127.0.0.1:${srv.address().port}`));
  process.on('SIGTERM', () => srv.close(() => pool.end().then(() => process.exit(0))));
}

bareServer(JSON.parse(process.env.BENCH_BARE));
