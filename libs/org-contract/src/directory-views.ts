import type { Gender, OrgLevel, OrgUnitType, PartyOrgType, PostKind } from '@dutychain/domain';

/**
 * What the org directory answers, as every service reads it: the directory's response shapes are
 * declared here once, used by the org service itself and by the typed client in libs/service-kit.
 */

export interface OrgUnitView {
  id: string;
  code: string;
  name: string;
  level: OrgLevel;
  type: OrgUnitType;
  partyOrgType: PartyOrgType;
  leadingOrgId: string | null;
  guidingOrgId: string | null;
  commissionId: string | null;
  path: string;
  depth: number;
}

/** A unit in a list of children: how many units it leads in turn (0 for the bottom level). */
export interface ChildOrgUnitView extends OrgUnitView {
  childCount: number;
}

export interface PostView {
  id: string;
  personId: string;
  personName: string;
  unitId: string;
  unitName: string;
  kind: PostKind;
  title: string;
  startDate: string;
  endDate: string | null;
}

export interface PersonView {
  id: string;
  code: string;
  name: string;
  gender: Gender | null;
  registeredUnitId: string | null;
}

export interface PersonDetailView extends PersonView {
  posts: PostView[];
  supervisions: {
    id: string;
    unitId: string;
    supervisedUnitId: string;
    supervisedUnitName: string;
    area: string;
    startDate: string;
    endDate: string | null;
  }[];
  oversees: { headId: string; headName: string; startDate: string; endDate: string | null }[];
  overseenBy: { overseerId: string; overseerName: string; startDate: string; endDate: string | null }[];
}

/**
 * 责任链: who carried which of the four responsibilities for a unit on a date. One case, two
 * investigations starts from this, so it must answer for past dates after people have moved.
 */
export interface ResponsibilityChainView {
  date: string;
  unit: OrgUnitView;
  /** 主体责任: the unit's own party committee or party group. */
  primary: { unitId: string; name: string; partyOrgType: string };
  /** 第一责任人责任: the secretary in post that day. */
  first: PostView | null;
  /** 一岗双责: members whose 分管 covered the unit that day, then the unit's other team members. */
  dual: { supervisors: (PostView & { area: string })[]; teamMembers: PostView[] };
  /** 监督责任: the commission or dispatched group covering the unit, and its secretary that day. */
  supervisory: {
    commissionId: string;
    code: string;
    name: string;
    kind: string;
    secretary: PostView | null;
  } | null;
  /** One level up: the leading org and its secretary that day ("one level manages the next"). */
  leadingOrg: { unit: OrgUnitView; secretary: PostView | null } | null;
}
