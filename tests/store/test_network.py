"""Network drive detection: UNC paths and Linux mount tables (a fake table written to tmp_path)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zv_desktop.core.store.network import is_network_path, mount_fstype

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
25 22 0:21 / /proc rw,nosuid - proc proc rw
40 22 0:35 / /mnt/amt rw,relatime shared:20 - cifs //server/amt rw,vers=3.0
41 40 8:2 / /mnt/amt/lokal rw,relatime - ext4 /dev/sdb1 rw
42 22 0:36 / /srv/nfs rw - nfs4 server:/export rw
43 42 0:37 / /srv/nfs rw - ext4 /dev/sdc1 rw
44 22 8:1 /home/anna/freigabe /srv/gebunden rw shared:1 - ext4 /dev/sda1 rw
45 22 0:38 / /media/Daten\\040vom\\040Amt rw - fuse.sshfs anna@host: rw
46 22 0:39 / /mnt/am rw - ext4 /dev/sdd1 rw
"""

PROC_MOUNTS = """\
/dev/sda1 / ext4 rw 0 0
//server/amt /mnt/amt smb3 rw 0 0
server:/x /mnt/x\\040y nfs rw 0 0
"""


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "mountinfo"
    path.write_text(MOUNTINFO, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "path",
    ["\\\\server\\amt\\zv.sqlite", "//server/amt/zv.sqlite", "\\\\?\\UNC\\server\\amt\\zv.sqlite"],
)
def test_unc_paths_are_network_paths(path: str, table: Path) -> None:
    assert is_network_path(path, table)


@pytest.mark.parametrize("path", ["\\\\?\\C:\\daten\\zv.sqlite", "\\\\.\\pipe\\x", "/home/anna/zv.sqlite"])
def test_local_and_device_paths_are_not(path: str, table: Path) -> None:
    assert not is_network_path(path, table)


@pytest.mark.parametrize(
    ("path", "fstype", "network"),
    [
        ("/mnt/amt/zv.sqlite", "cifs", True),
        ("/mnt/amt/unter/ordner/zv.sqlite", "cifs", True),
        ("/mnt/amt/lokal/zv.sqlite", "ext4", False),  # a local disk mounted inside the share
        ("/mnt/am/zv.sqlite", "ext4", False),  # "/mnt/am" is no prefix of "/mnt/amt" and vice versa
        ("/srv/nfs/zv.sqlite", "ext4", False),  # mounted over the NFS mount: the later entry wins
        ("/srv/gebunden/zv.sqlite", "ext4", False),  # a bind mount of a local folder
        ("/media/Daten vom Amt/zv.sqlite", "fuse.sshfs", True),  # escaped spaces in the mount point
        ("/home/anna/zv.sqlite", "ext4", False),
    ],
)
def test_linux_mounts_longest_prefix_decides(table: Path, path: str, fstype: str, network: bool) -> None:
    assert mount_fstype(path, table) == fstype
    assert is_network_path(path, table) is network


def test_proc_mounts_format_is_understood(tmp_path: Path) -> None:
    table = tmp_path / "mounts"
    table.write_text(PROC_MOUNTS, encoding="utf-8")
    assert is_network_path("/mnt/amt/zv.sqlite", table)
    assert is_network_path("/mnt/x y/zv.sqlite", table)
    assert not is_network_path("/tmp/zv.sqlite", table)


def test_unreadable_table_means_local(tmp_path: Path) -> None:
    assert not is_network_path("/mnt/amt/zv.sqlite", tmp_path / "fehlt")
