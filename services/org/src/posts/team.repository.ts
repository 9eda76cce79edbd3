import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PostView } from '@dutychain/org-contract';

const POST_VIEW_COLUMNS = `post.id, post.person_id AS "personId", person.name AS "personName", post.unit_id AS "unitId",
  unit.name AS "unitName", post.kind, post.title, to_char(post.start_date, 'YYYY-MM-DD') AS "startDate",
  to_char(post.end_date, 'YYYY-MM-DD') AS "endDate"`;

const KIND_ORDER = `array_position(ARRAY['secretary','deputySecretary','commissionSecretary','member'], post.kind)`;

/** Who sat on a team on a given date. End dates are inclusive: the last day in post. */
@Injectable()
export class TeamRepository {
  constructor(private readonly dataSource: DataSource) {}

  postsOn(unitId: string, date: string): Promise<PostView[]> {
    return this.dataSource.query<PostView[]>(
      `SELECT ${POST_VIEW_COLUMNS}
         FROM org.post post JOIN org.person person ON person.id = post.person_id JOIN org.org_unit unit ON unit.id = post.unit_id
        WHERE post.unit_id = $1 AND post.start_date <= $2 AND (post.end_date IS NULL OR post.end_date >= $2)
        ORDER BY ${KIND_ORDER}, post.start_date, person.name COLLATE "zh-x-icu"`,
      [unitId, date],
    );
  }

  async postOf(personId: string, unitId: string, date: string): Promise<PostView | undefined> {
    const rows = await this.dataSource.query<PostView[]>(
      `SELECT ${POST_VIEW_COLUMNS}
         FROM org.post post JOIN org.person person ON person.id = post.person_id JOIN org.org_unit unit ON unit.id = post.unit_id
        WHERE post.person_id = $1 AND post.unit_id = $2 AND post.start_date <= $3 AND (post.end_date IS NULL OR post.end_date >= $3)`,
      [personId, unitId, date],
    );
    return rows[0];
  }

  /** Members whose 分管 covered the unit on the date, with the seat they held then. */
  supervisorsOf(unitId: string, date: string): Promise<(PostView & { area: string })[]> {
    return this.dataSource.query(
      `SELECT ${POST_VIEW_COLUMNS}, s.area
         FROM org.supervision s
         JOIN org.post post ON post.person_id = s.person_id AND post.unit_id = s.unit_id
              AND post.start_date <= $2 AND (post.end_date IS NULL OR post.end_date >= $2)
         JOIN org.person person ON person.id = post.person_id
         JOIN org.org_unit unit ON unit.id = post.unit_id
        WHERE s.supervised_unit_id = $1 AND s.start_date <= $2 AND (s.end_date IS NULL OR s.end_date >= $2)
        ORDER BY person.name COLLATE "zh-x-icu"`,
      [unitId, date],
    );
  }
}
