import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { Person } from './person.entity';
import { escapeLike } from '@dutychain/auth';
import type { PersonDetailView, PersonView, PostView } from '@dutychain/org-contract';

/** SQL about people and the seats they held. */
@Injectable()
export class PeopleRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<Person | null> {
    return this.dataSource.getRepository(Person).findOneBy({ id });
  }

  async insert(manager: EntityManager, person: Person): Promise<void> {
    await manager.getRepository(Person).insert(person);
  }

  /** Paths of the registering unit and of every unit the person ever held a post at. */
  async unitPathsOf(personId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ path: string }[]>(
      `SELECT unit.path FROM org.post post JOIN org.org_unit unit ON unit.id = post.unit_id WHERE post.person_id = $1
        UNION
       SELECT unit.path FROM org.person person JOIN org.org_unit unit ON unit.id = person.registered_unit_id
        WHERE person.id = $1`,
      [personId],
    );
    return rows.map((row) => row.path);
  }

  /** Where a person belongs today: the registering unit and the units of posts not yet ended. */
  async currentUnitPathsOf(personId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ path: string }[]>(
      `SELECT unit.path FROM org.post post JOIN org.org_unit unit ON unit.id = post.unit_id
        WHERE post.person_id = $1 AND (post.end_date IS NULL OR post.end_date >= current_date)
        UNION
       SELECT unit.path FROM org.person person JOIN org.org_unit unit ON unit.id = person.registered_unit_id
        WHERE person.id = $1`,
      [personId],
    );
    return rows.map((row) => row.path);
  }

  async postsOf(personId: string): Promise<PostView[]> {
    return this.dataSource.query<PostView[]>(
      `SELECT post.id, post.person_id AS "personId", person.name AS "personName", post.unit_id AS "unitId",
              unit.name AS "unitName", post.kind, post.title, to_char(post.start_date, 'YYYY-MM-DD') AS "startDate",
              to_char(post.end_date, 'YYYY-MM-DD') AS "endDate"
         FROM org.post post
         JOIN org.person person ON person.id = post.person_id
         JOIN org.org_unit unit ON unit.id = post.unit_id
        WHERE post.person_id = $1
        ORDER BY post.start_date, post.id`,
      [personId],
    );
  }

  async supervisionsOf(personId: string): Promise<PersonDetailView['supervisions']> {
    return this.dataSource.query(
      `SELECT s.id, s.unit_id AS "unitId", s.supervised_unit_id AS "supervisedUnitId", unit.name AS "supervisedUnitName",
              s.area, to_char(s.start_date, 'YYYY-MM-DD') AS "startDate", to_char(s.end_date, 'YYYY-MM-DD') AS "endDate"
         FROM org.supervision s JOIN org.org_unit unit ON unit.id = s.supervised_unit_id
        WHERE s.person_id = $1 ORDER BY s.start_date, unit.name COLLATE "zh-x-icu"`,
      [personId],
    );
  }

  async oversightOf(personId: string): Promise<Pick<PersonDetailView, 'oversees' | 'overseenBy'>> {
    const oversees = await this.dataSource.query<PersonDetailView['oversees']>(
      `SELECT pair.head_id AS "headId", head.name AS "headName", to_char(pair.start_date, 'YYYY-MM-DD') AS "startDate",
              to_char(pair.end_date, 'YYYY-MM-DD') AS "endDate"
         FROM org.oversight_pair pair JOIN org.person head ON head.id = pair.head_id WHERE pair.overseer_id = $1`,
      [personId],
    );
    const overseenBy = await this.dataSource.query<PersonDetailView['overseenBy']>(
      `SELECT pair.overseer_id AS "overseerId", overseer.name AS "overseerName",
              to_char(pair.start_date, 'YYYY-MM-DD') AS "startDate", to_char(pair.end_date, 'YYYY-MM-DD') AS "endDate"
         FROM org.oversight_pair pair JOIN org.person overseer ON overseer.id = pair.overseer_id WHERE pair.head_id = $1`,
      [personId],
    );
    return { oversees, overseenBy };
  }

  /**
   * People whose name contains the text and who today hold a post inside the subtree or were
   * registered there, in pinyin order.
   */
  async searchCurrent(rootPath: string, nameContains: string, today: string): Promise<PersonView[]> {
    return this.dataSource.query<PersonView[]>(
      `SELECT person.id, person.code, person.name, person.gender, person.registered_unit_id AS "registeredUnitId"
         FROM org.person person
        WHERE person.name ILIKE $2
          AND (EXISTS (SELECT 1 FROM org.post post JOIN org.org_unit unit ON unit.id = post.unit_id
                        WHERE post.person_id = person.id AND unit.path LIKE $1
                          AND post.start_date <= $3 AND (post.end_date IS NULL OR post.end_date >= $3))
               OR EXISTS (SELECT 1 FROM org.org_unit unit
                           WHERE unit.id = person.registered_unit_id AND unit.path LIKE $1))
        ORDER BY person.name COLLATE "zh-x-icu", person.id
        LIMIT 200`,
      [`${escapeLike(rootPath)}%`, `%${escapeLike(nameContains)}%`, today],
    );
  }
}
