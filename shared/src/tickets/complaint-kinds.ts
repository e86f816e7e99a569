import type { Role } from '../roles';

/**
 * The complaints desk (投诉建议) takes four kinds of ticket. Only complaints have classes, owners by class,
 * confirmation and return visits; the other three follow a short reply → resolve → close path
 * (see complaint-states.ts). Each kind has its own number series: TS-20261123-0042, JY-…, ZX-…, BY-….
 */
export const ComplaintKind = {
  Complaint: 'complaint',
  Suggestion: 'suggestion',
  Inquiry: 'inquiry',
  Praise: 'praise',
} as const;
export type ComplaintKind = (typeof ComplaintKind)[keyof typeof ComplaintKind];

export const COMPLAINT_KINDS: readonly ComplaintKind[] = Object.values(ComplaintKind);

export const COMPLAINT_KIND_LABELS: Record<ComplaintKind, string> = { complaint: '投诉', suggestion: '建议', inquiry: '咨询', praise: '表扬' };

/** Ticket number prefixes (the repair series is BX). */
export const COMPLAINT_KIND_PREFIX: Record<ComplaintKind, 'TS' | 'JY' | 'ZX' | 'BY'> = {
  complaint: 'TS',
  suggestion: 'JY',
  inquiry: 'ZX',
  praise: 'BY',
};

/** The kind a ticket number belongs to ('TS-20261123-0042' → complaint), or null for any other series. */
export function complaintKindOfNumber(no: string): ComplaintKind | null {
  const prefix = no.split('-', 1)[0];
  return COMPLAINT_KINDS.find((k) => COMPLAINT_KIND_PREFIX[k] === prefix) ?? null;
}

/** 一类 / 二类 / 三类投诉: the class decides who owns the complaint. */
export type ComplaintClass = 1 | 2 | 3;
export const COMPLAINT_CLASSES: readonly ComplaintClass[] = [1, 2, 3];

export function isComplaintClass(v: unknown): v is ComplaintClass {
  return v === 1 || v === 2 || v === 3;
}

export const COMPLAINT_CLASS_LABELS: Record<ComplaintClass, string> = { 1: '一类投诉', 2: '二类投诉', 3: '三类投诉' };

export const COMPLAINT_CLASS_SCOPE: Record<ComplaintClass, string> = {
  1: '本公司服务：工作未完成、监管不到位、员工技能或服务态度',
  2: '开发商遗留：房屋质量、配套设施',
  3: '外部环境、管理区域外的公共设施',
};

/**
 * The role that owns a complaint of each class (the least role that may; a supervisor who takes a class-1 call
 * owns it as well):
 * 1 — the agent who took it (首问负责制) handles and tracks it;
 * 2 — a CS supervisor contacts the developer and follows up, facility issues in a written notice;
 * 3 — the service-center manager, who appoints a coordinator and reports in writing to the authority concerned.
 */
export const COMPLAINT_CLASS_OWNER_ROLE: Record<ComplaintClass, Role> = { 1: 'agent', 2: 'supervisor', 3: 'manager' };

export function complaintOwnerRole(cls: ComplaintClass): Role {
  return COMPLAINT_CLASS_OWNER_ROLE[cls];
}

/**
 * What the resident picks (complaints and suggestions alike; inquiries and praise may carry one too). For
 * complaints the category suggests a class, which the agent confirms or changes.
 *
 * `publicDisclosure`: the topic concerns common areas, public interests or neighbour disputes, so complaints and
 * suggestions under it are in the monthly disclosure to all residents (published by the 30th).
 */
export const ComplaintCategory = {
  ServiceAttitude: 'service_attitude',
  RepairQuality: 'repair_quality',
  WorkNotDone: 'work_not_done',
  CleaningGreening: 'cleaning_greening',
  SecurityOrder: 'security_order',
  Parking: 'parking',
  Renovation: 'renovation',
  FeeDispute: 'fee_dispute',
  HouseQuality: 'house_quality',
  SupportingFacilities: 'supporting_facilities',
  OutsideEnvironment: 'outside_environment',
  MunicipalFacilities: 'municipal_facilities',
  Noise: 'noise',
  NeighbourDispute: 'neighbour_dispute',
  PublicArea: 'public_area',
  // suggestions, inquiries and praise have their own topics besides the shared ones
  ServiceImprovement: 'service_improvement',
  CommunityLife: 'community_life',
  FeesBilling: 'fees_billing',
  Procedures: 'procedures',
  RepairService: 'repair_service',
  StaffService: 'staff_service',
  Other: 'other',
} as const;
export type ComplaintCategory = (typeof ComplaintCategory)[keyof typeof ComplaintCategory];

export interface ComplaintCategoryInfo {
  key: ComplaintCategory;
  label: string;
  /** shown under the label in the picker */
  hint: string;
  suggestedClass: ComplaintClass;
  publicDisclosure: boolean;
}

export const COMPLAINT_CATEGORIES: readonly ComplaintCategoryInfo[] = [
  { key: 'service_attitude', label: '服务态度', hint: '工作人员态度差、推诿、不文明用语', suggestedClass: 1, publicDisclosure: false },
  { key: 'repair_quality', label: '维修质量', hint: '维修不及时、修不好、反复维修', suggestedClass: 1, publicDisclosure: false },
  { key: 'work_not_done', label: '工作未完成', hint: '承诺未兑现、事项无人跟进', suggestedClass: 1, publicDisclosure: false },
  { key: 'cleaning_greening', label: '保洁绿化', hint: '楼道、垃圾清运、绿化养护', suggestedClass: 1, publicDisclosure: true },
  { key: 'security_order', label: '秩序安保', hint: '门岗、巡逻、外来人员、消防通道', suggestedClass: 1, publicDisclosure: true },
  { key: 'parking', label: '停车管理', hint: '乱停车、占用车位、道闸', suggestedClass: 1, publicDisclosure: true },
  { key: 'renovation', label: '装修管理', hint: '违规装修、装修时间、装修垃圾', suggestedClass: 1, publicDisclosure: true },
  { key: 'fee_dispute', label: '收费争议', hint: '物业费、水电费、停车费、有偿服务收费', suggestedClass: 1, publicDisclosure: false },
  { key: 'house_quality', label: '房屋质量', hint: '渗漏、裂缝、空鼓、门窗变形等开发商遗留问题', suggestedClass: 2, publicDisclosure: false },
  { key: 'supporting_facilities', label: '配套设施', hint: '开发商配套的电梯、管网、车库、会所等', suggestedClass: 2, publicDisclosure: true },
  { key: 'outside_environment', label: '小区外环境', hint: '周边施工、占道经营、污染', suggestedClass: 3, publicDisclosure: true },
  { key: 'municipal_facilities', label: '市政设施', hint: '市政供水供电燃气、道路、路灯、公交', suggestedClass: 3, publicDisclosure: true },
  { key: 'noise', label: '噪音扰民', hint: '装修、设备、商铺、宠物噪音', suggestedClass: 1, publicDisclosure: true },
  { key: 'neighbour_dispute', label: '邻里纠纷', hint: '漏水到邻家、占用公共部位、宠物', suggestedClass: 1, publicDisclosure: true },
  { key: 'public_area', label: '公共区域', hint: '楼道堆物、私搭乱建、公共设施损坏', suggestedClass: 1, publicDisclosure: true },
  { key: 'service_improvement', label: '服务改进', hint: '办事流程、服务时间、线上服务', suggestedClass: 1, publicDisclosure: false },
  { key: 'community_life', label: '社区活动', hint: '文体活动、邻里交流、便民服务', suggestedClass: 1, publicDisclosure: true },
  { key: 'fees_billing', label: '缴费与发票', hint: '物业费、水电费、停车费的缴纳与开票', suggestedClass: 1, publicDisclosure: false },
  { key: 'procedures', label: '办事手续', hint: '门禁卡、装修申请、入住与出入证', suggestedClass: 1, publicDisclosure: false },
  { key: 'repair_service', label: '报修与维修', hint: '报修方式、维修范围与收费', suggestedClass: 1, publicDisclosure: false },
  { key: 'staff_service', label: '员工服务', hint: '客服、管家、保安、保洁的热心服务', suggestedClass: 1, publicDisclosure: false },
  { key: 'other', label: '其他', hint: '以上都不是', suggestedClass: 1, publicDisclosure: false },
];

export const COMPLAINT_CATEGORY_LABELS = Object.fromEntries(COMPLAINT_CATEGORIES.map((c) => [c.key, c.label])) as Record<ComplaintCategory, string>;

export function complaintCategory(key: ComplaintCategory): ComplaintCategoryInfo | undefined {
  return COMPLAINT_CATEGORIES.find((c) => c.key === key);
}

/** A topic offered for one kind: its own hint (the same key reads differently in a suggestion than in a complaint). */
export interface KindCategory {
  key: ComplaintCategory;
  label: string;
  hint: string;
}

const topic = (key: ComplaintCategory, hint?: string): KindCategory => ({
  key,
  label: COMPLAINT_CATEGORY_LABELS[key],
  hint: hint ?? complaintCategory(key)!.hint,
});

/**
 * The topics each kind offers (resident form, staff intake) and the server accepts for it. A complaint's topics
 * say what went wrong (收费争议, 邻里纠纷); a suggestion's what could be better; an inquiry's what is asked about;
 * praise's who did well. Tickets stored before with another kind's topic still read (COMPLAINT_CATEGORY_LABELS).
 */
export const KIND_CATEGORIES: Record<ComplaintKind, readonly KindCategory[]> = {
  complaint: COMPLAINT_CATEGORIES.filter((c) =>
    ['service_improvement', 'community_life', 'fees_billing', 'procedures', 'repair_service', 'staff_service'].every((k) => k !== c.key),
  ).map((c) => topic(c.key)),
  suggestion: [
    topic('public_area', '增设或改进公共设施，如座椅、雨棚、照明'),
    topic('cleaning_greening', '绿化美化、垃圾分类、环境卫生'),
    topic('parking', '车位规划、访客停车、充电桩'),
    topic('security_order', '门禁、巡逻、消防安全'),
    topic('service_improvement'),
    topic('community_life'),
    topic('other', '其他想法'),
  ],
  inquiry: [
    topic('fees_billing'),
    topic('procedures'),
    topic('repair_service'),
    topic('parking', '月卡办理、访客车辆、车位租售'),
    topic('renovation', '装修申请、施工时间、垃圾清运规定'),
    topic('other', '其他问题'),
  ],
  praise: [
    topic('staff_service'),
    topic('repair_service', '维修师傅修得快、修得好'),
    topic('cleaning_greening', '保洁、绿化做得好'),
    topic('security_order', '门岗、巡逻尽职尽责'),
    topic('other', '其他值得表扬的人和事'),
  ],
};

export function categoriesOfKind(kind: ComplaintKind): readonly KindCategory[] {
  return KIND_CATEGORIES[kind] ?? [];
}

/** Whether a kind offers this topic (the server refuses another kind's topic on new tickets). */
export function isCategoryOfKind(kind: ComplaintKind, category: ComplaintCategory): boolean {
  return categoriesOfKind(kind).some((c) => c.key === category);
}

/** Complaints and suggestions need a topic; inquiries and praise may go without (kept as 其他). */
export function categoryRequired(kind: ComplaintKind): boolean {
  return kind === 'complaint' || kind === 'suggestion';
}

/** The words of the resident's form and the staff intake, per kind. */
export interface KindWording {
  /** one line under the kind's tile */
  hint: string;
  /** the text box's placeholder */
  placeholder: string;
  /** the anonymity switch and what it does */
  anonymousLabel: string;
  anonymousHint: string;
}

export const KIND_WORDING: Record<ComplaintKind, KindWording> = {
  complaint: {
    hint: '对物业服务不满意',
    placeholder: '请描述您要投诉的问题：时间、地点、经过，以及您希望的处理方式',
    anonymousLabel: '不向被投诉人显示我的姓名',
    anonymousHint: '开启后，只有负责处理的客服和主管能看到您的姓名、电话和房号',
  },
  suggestion: {
    hint: '让小区变得更好',
    placeholder: '请写下您的建议：想改进什么、怎么改',
    anonymousLabel: '匿名提出建议',
    anonymousHint: '开启后，只有负责处理的客服和主管能看到您的姓名、电话和房号；公示时不显示',
  },
  inquiry: {
    hint: '有问题想了解',
    placeholder: '请写下您想咨询的问题',
    anonymousLabel: '匿名咨询',
    anonymousHint: '开启后，只有负责答复的客服和主管能看到您的姓名、电话和房号',
  },
  praise: {
    hint: '为服务点赞',
    placeholder: '请写下您想表扬的人和事',
    anonymousLabel: '匿名表扬',
    anonymousHint: '开启后，只有负责处理的客服和主管能看到您的姓名、电话和房号',
  },
};

/** The class the category suggests; unknown or missing categories suggest class 1 (our own service, the agent keeps it). */
export function suggestComplaintClass(category: ComplaintCategory | null | undefined): ComplaintClass {
  return (category && complaintCategory(category)?.suggestedClass) || 1;
}

/** Whether a ticket belongs in the monthly public disclosure: complaints and suggestions on a public-interest topic. */
export function inMonthlyDisclosure(kind: ComplaintKind, category: ComplaintCategory | null | undefined): boolean {
  return (kind === 'complaint' || kind === 'suggestion') && !!category && !!complaintCategory(category)?.publicDisclosure;
}

/**
 * Anonymity (匿名): the resident's name, phone and room are hidden from every staff view and from the disclosure;
 * only the resident sees them. The thread still reaches them in the app (the return visit included, rather than
 * by phone).
 */
export function reporterIdentityVisible(anonymous: boolean, viewerIsReporter: boolean): boolean {
  return !anonymous || viewerIsReporter;
}
