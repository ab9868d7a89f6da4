"""The names' totals kept by the import (kb.ingest.totals) are what a plain scan of the uses counts: after imports,
a re-import that replaces a document, a removal, and the v10 migration of a base stored before them; the names'
counts (kb.find.precedents.count_names) read them and say what the uses say."""

import json
from pathlib import Path
from collections import Counter

from conftest import SEEDS, make_document, store
from importers.records import RawDocument, RawIndicator, RawProject
from kb.db import connect, transaction
from kb.find.precedents import count_names, find_names, precedents, target_spread
from kb.ingest.run import import_paths
from kb.ingest.write import delete_document
from kb.maintenance import check
from test_same_tables import _undo_v10, undo_v13


def scan(conn) -> dict:
    """Each name's uses, projects, and uses by region, by standard levels and by target, counted in Python."""
    uses, projects, levels, targets = Counter(), {}, Counter(), Counter()
    for name_id, project, region, std1, std2, op, value, unit, target in conn.execute(
        """SELECT i.name_id, i.project_id, p.region, i.std_level1, i.std_level2, i.operator, i.value, i.unit,
        i.target FROM indicators i JOIN projects p ON p.id = i.project_id"""
    ):
        uses[name_id] += 1
        projects.setdefault(name_id, set()).add(project)
        levels[name_id, region, std1, std2] += 1
        targets[name_id, op, value, unit, target if value is None else None] += 1
    return {
        "uses": dict(uses),
        "projects": {name_id: len(found) for name_id, found in projects.items()},
        "levels": dict(levels),
        "targets": dict(targets),
    }


def kept(conn) -> dict:
    """The same, as the import kept them (x'' read as None; names no longer used left out)."""
    none = lambda *key: tuple(None if part == b"" else part for part in key)  # noqa: E731
    names = conn.execute("SELECT id, uses, projects FROM indicator_names WHERE uses OR projects").fetchall()
    return {
        "uses": {name_id: n for name_id, n, _ in names},
        "projects": {name_id: n for name_id, _, n in names},
        "levels": {none(*row[:-1]): row[-1] for row in conn.execute("SELECT * FROM name_levels")},
        "targets": {none(*row[:-1]): row[-1] for row in conn.execute("SELECT * FROM name_targets")},
    }


def document(projects: dict[str, list[tuple[str, str, str]]]) -> RawDocument:
    """Projects → [(indicator name, target, level1 as written: '' to infer it, '其他' for none standard)]."""
    return RawDocument(
        layout="test",
        projects=[
            RawProject(
                name=name,
                amount="10",
                amount_unit="万元",
                indicators=[RawIndicator(name=n, target=t, level1=level1) for n, t, level1 in inds],
            )
            for name, inds in projects.items()
        ],
    )


FIRST = {
    # one name twice in a project, two spellings of one indicator in one project, no standard level, a number
    # without a unit, qualitative targets
    "惠企补贴": [
        ("服务对象满意度", "≥90%", ""),
        ("服务对象满意度（%）", "≥90", ""),
        ("服务对象满意度", "≥95%", "其他"),
        ("工作机制", "健全", ""),
    ],
    "就业扶持": [("服务对象满意度（%）", "≥85%", ""), ("培训人次", "≥200", ""), ("工作机制", "较高", "其他")],
}
SECOND = {"园区改造": [("服务对象满意度", "较高", ""), ("培训人次", "≥200人次", "")]}
AGAIN = {"惠企补贴": [("服务对象满意度", "=100%", ""), ("补贴发放及时率", "=100%", "")]}


def test_the_kept_totals_are_a_plain_scan_after_imports_a_replacement_and_a_removal(conn):
    store(conn, document(FIRST), "first.txt", region="宁波市", year=2023)
    second = store(conn, document(SECOND), "second.txt", region="", year=2022)  # its projects have no region
    store(conn, make_document({"技能培训": [("服务对象满意度", "≥90%"), ("培训人次", "≥300人次")]}), "third.txt")
    assert conn.execute("SELECT count(*) FROM projects WHERE region IS NULL").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM name_levels WHERE region = x''").fetchone()[0] == 2
    assert kept(conn) == scan(conn) and check(conn) == []
    store(conn, document(AGAIN), "first.txt", region="威海经济技术开发区", year=2021)  # the same path: replaced
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
    assert kept(conn) == scan(conn) and check(conn) == []
    with transaction(conn):
        delete_document(conn, second)
    assert kept(conn) == scan(conn) and check(conn) == []
    assert "培训人次" in {n for (n,) in conn.execute("SELECT name FROM indicator_names WHERE uses = 1")}
    assert conn.execute("SELECT count(*) FROM name_levels WHERE region = x''").fetchone()[0] == 0  # deleted at 0


def test_the_kept_totals_of_the_sample_documents_after_one_is_imported_again_and_one_removed(conn, tmp_path):
    import_paths(conn, [SEEDS])
    assert kept(conn) == scan(conn) and check(conn) == []
    first = next(SEEDS.glob("*.txt"))
    copy = tmp_path / first.name
    copy.write_text(first.read_text(encoding="utf-8").replace("满意度", "满意率"), encoding="utf-8")
    import_paths(conn, [copy])  # the same tables but for a name: stored beside the seeds
    with transaction(conn):
        delete_document(conn, conn.execute("SELECT max(id) FROM documents").fetchone()[0])
        delete_document(conn, conn.execute("SELECT min(id) FROM documents").fetchone()[0])
    assert kept(conn) == scan(conn) and check(conn) == []


def test_the_migration_counts_what_the_import_kept(db_path):
    conn = connect(db_path)
    import_paths(conn, [SEEDS])
    store(conn, document(FIRST), "first.txt", region="宁波市", year=2023)
    store(conn, document(SECOND), "second.txt", region="", year=2022)
    expected = kept(conn)
    _undo_v10(conn)
    conn.execute("PRAGMA user_version = 9")
    conn.close()
    conn = connect(db_path)  # migrated on opening
    assert kept(conn) == expected == scan(conn) and check(conn) == []
    conn.close()


def test_the_names_counts_are_what_their_uses_say(conn):
    """Every name's counts, read from the kept totals, against its uses listed by precedents()."""
    import_paths(conn, [SEEDS])
    store(conn, document(FIRST), "first.txt", region="宁波市", year=2023)
    store(conn, document(SECOND), "second.txt", region="", year=2022)
    hits = count_names(conn, find_names(conn, "", limit=10_000))
    assert len(hits) > 100 and any(len(h.variants) > 1 for h in hits)
    for hit in hits:
        found = precedents(conn, hit.variants)
        levels = Counter((p.std_level1, p.std_level2) for p in found)
        assert hit.uses == len(found) and hit.projects == len({p.project_id for p in found})
        assert hit.regions == len({p.region for p in found} - {None})
        assert levels[hit.std_level1, hit.std_level2] == max(levels.values())
        assert hit.spread == target_spread(found)
    [family] = [h for h in hits if "服务对象满意度（%）" in h.variants]  # both spellings in 惠企补贴: one project
    each = conn.execute(
        "SELECT sum(projects) FROM indicator_names WHERE name IN (SELECT value FROM json_each(?))",
        (json.dumps(family.variants),),
    ).fetchone()[0]
    assert family.projects == each - 1


def test_check_finds_kept_totals_that_differ_from_the_uses(conn):
    store(conn, document(FIRST), "first.txt", region="宁波市", year=2023)
    training = conn.execute("SELECT id FROM indicator_names WHERE name = '培训人次'").fetchone()[0]
    conn.execute("UPDATE name_targets SET uses = uses + 1 WHERE name_id = ?", (training,))
    conn.execute("UPDATE indicator_names SET projects = projects + 1 WHERE name = '工作机制'")
    assert [line.split(":")[0] for line in check(conn)] == ["name project counts match", "name totals by targets match"]


def test_targets_read_again_by_the_v12_migration_are_what_an_import_reads_now(db_path, monkeypatch):
    """A base stored when '5-10名' was '=5名' and '2026年11月底前' '=2026年' (goal rows, period targets, self-evaluation
    rows and their met / ratio): after the migration, every row as an import reads it now, the totals by target too."""
    from importers.records import SELF_EVALUATION
    from kb.vocab import targets

    def stored(conn) -> list[tuple]:
        rows = conn.execute(
            """SELECT n.name, i.operator, i.value, i.unit, i.period_operator, i.period_value FROM indicators i
            JOIN indicator_names n ON n.id = i.name_id ORDER BY i.id"""
        )
        judged = conn.execute("SELECT name, operator, value, actual_operator, actual_value, met, ratio FROM outcomes")
        return [*map(tuple, rows), *map(tuple, judged)]

    dated = RawDocument(
        layout="test",
        projects=[
            RawProject(
                name="培训项目",
                amount="10",
                amount_unit="万元",
                indicators=[
                    RawIndicator(name="培训人数", target="5-10名", period_target="20-30名"),
                    RawIndicator(name="完成时间", target="2026年11月底前"),
                    RawIndicator(name="培训满意度", target="≥90%"),
                ],
            ),
            RawProject(
                name="培训项目",
                kind=SELF_EVALUATION,
                indicators=[
                    RawIndicator(name="完成时间", target="2026年11月底前", actual="2026年11月"),
                    RawIndicator(name="培训人数", target="≥5名", actual="6-8名"),
                    RawIndicator(name="培训满意度", target="≥90%", actual="95%"),
                ],
            ),
        ],
    )
    conn = connect(db_path)
    import_paths(conn, [SEEDS])
    store(conn, dated, "dated.txt", region="宁波市", year=2026)
    expected = stored(conn)
    conn.close()
    db_path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)

    targets._parse.cache_clear()
    monkeypatch.setattr(targets, "_not_one_number", lambda text, number: False)  # the reading before v12
    conn = connect(db_path)
    import_paths(conn, [SEEDS])
    store(conn, dated, "dated.txt", region="宁波市", year=2026)
    before = stored(conn)
    undo_v13(conn)
    conn.execute("PRAGMA user_version = 11")
    conn.close()
    monkeypatch.undo()
    targets._parse.cache_clear()

    assert before != expected and ("完成时间", "=", 2026.0) in [row[:3] for row in before]
    conn = connect(db_path)  # migrated on opening
    assert stored(conn) == expected
    assert kept(conn) == scan(conn) and check(conn) == []
    conn.close()
