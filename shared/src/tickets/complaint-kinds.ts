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
  { key: 'other', label: '其他', hint: '以上都不是', suggestedClass: 1, publicDisclosure: false },
];

export const COMPLAINT_CATEGORY_LABELS = Object.fromEntries(COMPLAINT_CATEGORIES.map((c) => [c.key, c.label])) as Record<ComplaintCategory, string>;

export function complaintCategory(key: ComplaintCategory): ComplaintCategoryInfo | undefined {
  return COMPLAINT_CATEGORIES.find((c) => c.key === key);
}

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
