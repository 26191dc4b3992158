"""Several ``.coopguide`` files at once: the end of a training session, when a trainer collects every
group's file from a USB key, or hands each group its dossier on one.

One bad file never stops the others: each is read and checked alone, and a refusal becomes that
file's French reason in the summary. The window and the command line both go through here.

Choices made for a whole folder:

- only the files directly in the folder are read, not those in its sub-folders: a key often keeps
  older copies or backups in sub-folders, and importing them too would be a surprise;
- names starting with a dot are skipped: macOS leaves a « ._Groupe 1.coopguide » beside each file
  it copies to a FAT or exFAT key, which is not a dossier;
- the suffix is matched ignoring case (« GROUPE.COOPGUIDE » from an old FAT key).

A batch reads at most :data:`MAX_FILES` files and :data:`MAX_TOTAL_BYTES` in all (a real dossier
file weighs a few hundred kilobytes): the files past either limit are refused, named, unread.

Writing files to a folder never replaces one: two groups whose dossiers are both « Mon projet »
must not overwrite each other on a shared key. A taken name gets « (2) », « (3) »…
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coopguide.core.content.model import Content
from coopguide.core.shared.errors import KnownError, storage_error
from coopguide.core.shared.file_names import free_file_name, safe_file_name
from coopguide.core.store import Store
from coopguide.core.store.dossiers import Dossier
from coopguide.core.store.exchange import (
    FILE_SUFFIX,
    ExchangeFile,
    MergePlan,
    apply_merge,
    export_dossier,
    import_as_new,
    plan_merge,
    read_exchange_file,
)

MAX_FILES = 200
MAX_TOTAL_BYTES = 64 * 1024 * 1024


class NoExchangeFiles(KnownError):
    """A folder holding no ``.coopguide`` file."""


# -- reading ------------------------------------------------------------------------------------
def files_in_folder(folder: Path) -> tuple[Path, ...]:
    """The ``.coopguide`` files directly in ``folder``, sorted by name (see the module's choices)."""
    folder = Path(folder)
    try:
        with os.scandir(folder) as entries:
            found = [
                Path(entry.path)
                for entry in entries
                if entry.name.casefold().endswith(FILE_SUFFIX) and not entry.name.startswith(".") and not entry.is_dir()
            ]
    except OSError as error:
        raise storage_error(error, f"lire le contenu du répertoire {folder.name or folder}") from error
    if not found:
        raise NoExchangeFiles(f"Aucun fichier {FILE_SUFFIX} dans « {folder} » (les sous-répertoires ne sont pas lus).")
    return tuple(sorted(found, key=lambda p: p.name.casefold()))


@dataclass(frozen=True)
class ReadFile:
    """One file of a batch: its content once checked, or why it is refused (French)."""

    path: Path
    exchange: ExchangeFile | None = None
    refused: str = ""


def read_files(paths: Iterable[Path]) -> tuple[ReadFile, ...]:
    """Each file read and checked alone; a file named twice is read once."""
    results: list[ReadFile] = []
    seen: set[Path] = set()
    total = 0
    for path in map(Path, paths):
        key = Path(os.path.abspath(path))
        if key in seen:
            continue
        seen.add(key)
        if len(results) >= MAX_FILES:
            results.append(ReadFile(path, refused=f"Pas lu : un import lit au plus {MAX_FILES} fichiers à la fois."))
            continue
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # the read below gives the French reason
        if total + size > MAX_TOTAL_BYTES:
            results.append(
                ReadFile(
                    path,
                    refused=f"Pas lu : les fichiers précédents font déjà {total // 1_000_000} Mo ; "
                    "importez celui-ci à part.",
                )
            )
            continue
        total += size
        try:
            results.append(ReadFile(path, read_exchange_file(path)))
        except KnownError as error:
            results.append(ReadFile(path, refused=str(error)))
    return tuple(results)


def same_name_dossier(dossiers: Sequence[Dossier], exchange: ExchangeFile) -> Dossier | None:
    """The local dossier a file is merged into by default: the one with the file's dossier name
    (ignoring case), as the one-file import proposes; none means « import as a new dossier »."""
    wanted = exchange.name.casefold()
    return next((d for d in dossiers if d.name.casefold() == wanted), None)


# -- importing ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportResult:
    path: Path
    dossier: Dossier | None = None  # the new dossier, or the one merged into
    plan: MergePlan | None = None  # for a merge: what it changed (the window makes it an undo step)
    refused: str = ""

    @property
    def merged(self) -> bool:
        return self.plan is not None


def import_file(store: Store, read: ReadFile, target: int | None, content: Content) -> ImportResult:
    """``read`` as a new dossier (``target`` None) or merged into dossier ``target``.

    The merge is planned here, against the dossier as it is now: an earlier file of the same batch
    may have just changed it."""
    if read.exchange is None:
        return ImportResult(read.path, refused=read.refused)
    try:
        if target is None:
            return ImportResult(read.path, import_as_new(store, read.exchange))
        dossier = store.dossiers.require(target)
        plan = plan_merge(store, dossier.id, read.exchange, content)
        apply_merge(store, plan)  # even an empty plan: as the one-file import, the merge decides
        return ImportResult(read.path, store.dossiers.require(dossier.id), plan)
    except KnownError as error:
        return ImportResult(read.path, refused=str(error))


NOT_A_GROUP = (
    "Ce fichier n'est celui d'aucun groupe de la séance (dossier « {name} ») : "
    "importez-le par « Fichier », « Importer des dossiers… »."
)


def into_named_dossiers(
    files: Iterable[ReadFile], dossiers: Sequence[Dossier]
) -> tuple[list[tuple[ReadFile, int | None]], list[ImportResult]]:
    """The files a séance's groups returned: each readable file goes into the dossier of its name
    among ``dossiers`` (the groups' dossiers), without asking; the others come back refused, with
    why, and are left for the one-file import. Returns (choices for :func:`import_files`, refusals)."""
    choices: list[tuple[ReadFile, int | None]] = []
    refused: list[ImportResult] = []
    for read in files:
        if read.exchange is None:
            refused.append(ImportResult(read.path, refused=read.refused))
            continue
        target = same_name_dossier(dossiers, read.exchange)
        if target is None:
            refused.append(ImportResult(read.path, refused=NOT_A_GROUP.format(name=read.exchange.name)))
        else:
            choices.append((read, target.id))
    return choices, refused


def import_files(
    store: Store, choices: Iterable[tuple[ReadFile, int | None]], content: Content
) -> tuple[ImportResult, ...]:
    """Each file in turn, each in its own transaction: a refusal changes nothing for that file."""
    return tuple(import_file(store, read, target, content) for read, target in choices)


# -- exporting ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportResult:
    dossier_name: str
    path: Path | None = None
    refused: str = ""
    wanted_name: str = ""  # the name that was taken when a number had to be added


def export_to_folder(
    store: Store, dossier_ids: Iterable[int], folder: Path, content_edition: str
) -> tuple[ExportResult, ...]:
    """One file per dossier in ``folder``, named after the dossier (:func:`safe_file_name`), never
    replacing a file already there nor one written just before."""
    folder = Path(folder)
    try:
        if not folder.is_dir():
            raise KnownError(f"« {folder} » n'est pas un répertoire : choisissez où écrire les fichiers.")
        taken = {name.casefold() for name in os.listdir(folder)}
    except OSError as error:
        raise storage_error(error, f"lire le contenu du répertoire {folder.name or folder}") from error
    results = []
    for dossier_id in dossier_ids:
        dossier = store.dossiers.get(dossier_id)
        if dossier is None:
            results.append(ExportResult("?", refused="Ce dossier n'existe plus."))
            continue
        wanted = safe_file_name(dossier.name, FILE_SUFFIX)
        name = free_file_name(wanted.removesuffix(FILE_SUFFIX), FILE_SUFFIX, taken)
        taken.add(name.casefold())
        try:
            written = export_dossier(store, dossier.id, folder / name, content_edition)
        except KnownError as error:
            results.append(ExportResult(dossier.name, refused=str(error)))
            continue
        results.append(ExportResult(dossier.name, written, wanted_name="" if name == wanted else wanted))
    return tuple(results)
