"""Uploaded files sealed at rest: every file the product stores (a citizen's photo, a signed minute, an
evidence file) is written encrypted with streaming authenticated encryption — Tink's AES-256-GCM-HKDF,
in 64 KiB segments, so no file is held whole in memory and a changed or truncated file fails to open —
and read back decrypted by the code that serves it. The disk, its copies and backups hold ciphertext.

The key is derived (HKDF) from the key ring's key (ANTQ_DATA_KEYS, antq.core.crypto), so one ring rotates
both; each file starts with a small header naming the key id, and is bound to the storage name's top
folder (the app's kind of file), so a file moved under another kind does not open. `antq rotate_keys`
re-encrypts files sealed with an older key and seals any file written before this storage existed.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import tempfile

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.core.files import File
from django.core.files.storage import FileSystemStorage

from antq.core import crypto

logger = logging.getLogger(__name__)
MAGIC = b"ANTQF1"
SEGMENT = 64 * 1024
_TYPE_URL = "type.googleapis.com/google.crypto.tink.AesGcmHkdfStreamingKey"


@functools.lru_cache(maxsize=8)
def _primitive(key: bytes):
    from tink import cleartext_keyset_handle, streaming_aead
    from tink.proto import aes_gcm_hkdf_streaming_pb2 as streaming_pb2
    from tink.proto import common_pb2, tink_pb2

    streaming_aead.register()
    file_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"antq stored files v1").derive(key)
    params = streaming_pb2.AesGcmHkdfStreamingParams(ciphertext_segment_size=SEGMENT, derived_key_size=32,
                                                      hkdf_hash_type=common_pb2.SHA256)
    key_data = tink_pb2.KeyData(
        type_url=_TYPE_URL, key_material_type=tink_pb2.KeyData.SYMMETRIC,
        value=streaming_pb2.AesGcmHkdfStreamingKey(version=0, key_value=file_key, params=params).SerializeToString())
    keyset = tink_pb2.Keyset(primary_key_id=1, key=[tink_pb2.Keyset.Key(
        key_data=key_data, status=tink_pb2.ENABLED, key_id=1, output_prefix_type=tink_pb2.RAW)])
    return cleartext_keyset_handle.from_keyset(keyset).primitive(streaming_aead.StreamingAead)


def _context(name: str) -> bytes:
    return ("antq-file:" + name.replace("\\", "/").split("/", 1)[0]).encode()


class _KeepOpen(io.RawIOBase):
    """The target of Tink's encrypting stream, which closes what it writes to when it is done."""

    def __init__(self, target):
        self.target = target

    def writable(self):
        return True

    def write(self, data):
        return self.target.write(data)


def seal(chunks, target, *, name: str) -> None:
    """Write the chunks of a plain file to `target` sealed with the current key."""
    key_id, key = crypto.keys()[0]
    target.write(MAGIC + bytes([len(key_id.encode())]) + key_id.encode())
    with _primitive(key).new_encrypting_stream(_KeepOpen(target), _context(name)) as stream:
        for chunk in chunks:
            stream.write(chunk)


def _header(handle) -> str | None:
    """The key id of a sealed file (the handle left after the header), or None for a plain one."""
    if handle.read(len(MAGIC)) != MAGIC:
        handle.seek(0)
        return None
    size = handle.read(1)[0]
    return handle.read(size).decode()


def opened(handle, *, name: str):
    """A readable stream of the plain content of the stored file open in `handle`."""
    key_id = _header(handle)
    if key_id is None:
        logger.warning("A stored file is not sealed yet (run antq rotate_keys): %s", name)
        return handle
    key = dict(crypto.keys()).get(key_id)
    if key is None:
        raise ValueError(f"No key {key_id!r} opens this file.")
    return _primitive(key).new_decrypting_stream(handle, _context(name))


class SealedFile(File):
    """A decrypted stored file, read through from the start (a download streams it as it decrypts)."""

    def seekable(self):
        return False


class SealedFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        with tempfile.TemporaryFile(dir=self._spool_dir()) as spool:
            seal(content.chunks(), spool, name=name)
            spool.seek(0)
            return super()._save(name, File(spool, name))

    def _spool_dir(self) -> str:
        os.makedirs(self.location, exist_ok=True)
        return self.location

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Sealed files are written through save().")
        handle = open(self.path(name), "rb")
        return SealedFile(opened(handle, name=name), name)

    def reseal(self) -> int:
        """Re-encrypt with the current key every file another key sealed, and seal the plain ones; the
        number of files rewritten."""
        current = crypto.keys()[0][0]
        changed = 0
        for folder, _dirs, files in os.walk(self.location):
            for filename in files:
                path = os.path.join(folder, filename)
                name = os.path.relpath(path, self.location)
                with open(path, "rb") as handle:
                    key_id = _header(handle)
                    if key_id == current:
                        continue
                    handle.seek(0)
                    with tempfile.NamedTemporaryFile(dir=folder, delete=False) as spool:
                        try:
                            source = opened(handle, name=name)
                            seal(iter(lambda source=source: source.read(SEGMENT), b""), spool, name=name)
                        except Exception:
                            logger.error("A stored file cannot be re-encrypted and is left as it is: %s", name)
                            os.unlink(spool.name)
                            continue
                os.replace(spool.name, path)
                changed += 1
        return changed
