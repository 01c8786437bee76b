#!/usr/bin/python3
"""An independent reader of UDF named streams for test_fs_udf_streams (no reader on
this machine lists them: 7z, libudfread, pycdlib and the kernel skip them). Written
from ECMA-167 3rd edition and UDF 2.01/2.60 only, none of core/fs:

  - anchor at 256 (3/10.2), main volume descriptor sequence: partition (3/10.5) and
    logical volume descriptors (3/10.6) with type 1 and metadata (UDF 2.2.10) maps;
  - the file set descriptor (4/14.1), directories walked by their FIDs (4/14.4);
  - each file's (extended) file entry (4/14.17): a non-zero Stream Directory ICB leads
    to a stream directory (file type 13, UDF 3.3.5), whose parent FID must name the
    file and whose other FIDs name the streams, each an entry of file type 5.

Every descriptor read has its tag checked: identifier, checksum, CRC over CRC Length
bytes and the tag location (the block within its partition).

  udf_streams_check.py IMAGE MANIFEST

MANIFEST: lines "path<TAB>stream name<TAB>file holding the expected bytes" (UTF-8,
path from the root with '/'). Prints one line per stream found and "streams: N
checked"; exits 1 on any mismatch, a stream missing or one not in the manifest.
"""
import struct
import sys

SECTOR = 2048
errors = []


def err(msg):
    errors.append(msg)
    print("ERROR: " + msg)


def crc_itu(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xffff
    return crc


class Image:
    def __init__(self, path):
        self.f = open(path, "rb")
        self.parts = {}      # partition number -> start sector
        self.maps = []       # per reference: ("phys", number) or ("meta", extents)

    def sector(self, n, count=1):
        self.f.seek(n * SECTOR)
        return self.f.read(count * SECTOR)

    def check_tag(self, d, ident, location, what):
        tid, _ver, cks, _ser, crc, crc_len, loc = struct.unpack_from("<HHBxHHHI", d, 0)
        if tid != ident:
            err("%s: tag %d, want %d" % (what, tid, ident))
            return False
        if (sum(d[0:4]) + sum(d[5:16])) & 0xff != cks:
            err("%s: tag checksum" % what)
        if 16 + crc_len > len(d) or crc_itu(d[16:16 + crc_len]) != crc:
            err("%s: descriptor CRC" % what)
        if loc != location:
            err("%s: tag location %d, want %d" % (what, loc, location))
        return True

    def block(self, ref, lbn):
        """Sector of logical block lbn of partition reference ref."""
        kind, val = self.maps[ref]
        if kind == "phys":
            return self.parts[val] + lbn
        off = lbn
        for length, pos in val:
            n = (length + SECTOR - 1) // SECTOR
            if off < n:
                return self.parts[self.maps[0][1]] + pos + off
            off -= n
        raise ValueError("block %d beyond the metadata file" % lbn)

    def read_icb(self, ref, lbn, what):
        d = self.sector(self.block(ref, lbn))
        tid = struct.unpack_from("<H", d, 0)[0]
        if tid not in (261, 266):
            err("%s: no file entry (tag %d)" % (what, tid))
            return None
        self.check_tag(d, tid, lbn, what)
        return d

    @staticmethod
    def entry(d):
        """(file type, information length, allocation descriptors, ad type, fixed part)."""
        ext = struct.unpack_from("<H", d, 0)[0] == 266
        ftype = d[16 + 11]
        flags = struct.unpack_from("<H", d, 16 + 18)[0]
        length = struct.unpack_from("<Q", d, 56)[0]
        if ext:
            l_ea, l_ad = struct.unpack_from("<II", d, 208)
            base = 216 + l_ea
        else:
            l_ea, l_ad = struct.unpack_from("<II", d, 168)
            base = 176 + l_ea
        return ftype, length, d[base:base + l_ad], flags & 7, ext

    def data(self, ref, d):
        """The bytes an entry describes (short, long or embedded descriptors)."""
        _ft, length, ads, adtype, _ext = self.entry(d)
        out = bytearray()
        if adtype == 3:
            return bytes(ads[:length])
        step = 8 if adtype == 0 else 16
        for i in range(0, len(ads) - step + 1, step):
            elen, pos = struct.unpack_from("<II", ads, i)
            part = ref if adtype == 0 else struct.unpack_from("<H", ads, i + 8)[0]
            if elen & 0x3fffffff == 0:
                break
            n = elen & 0x3fffffff
            if elen >> 30:
                err("extent type %d" % (elen >> 30))
            for k in range((n + SECTOR - 1) // SECTOR):
                out += self.sector(self.block(part, pos + k))
            out = out[:len(out) - ((SECTOR - n % SECTOR) % SECTOR)]
        if len(out) != length:
            err("entry describes %d bytes, length %d" % (len(out), length))
        return bytes(out[:length])

    def fids(self, ref, lbn0, data, what):
        """(characteristics, name, (ref, lbn)) per FID; tags checked."""
        pos, res = 0, []
        while pos + 38 <= len(data):
            d = data[pos:]
            ch, l_fi = d[18], d[19]
            elen, loc, part = struct.unpack_from("<IIH", d, 20)
            l_iu = struct.unpack_from("<H", d, 36)[0]
            size = (38 + l_iu + l_fi + 3) & ~3
            self.check_tag(d[:size], 257, lbn0 + pos // SECTOR, "%s FID at %d" % (what, pos))
            name = d[38 + l_iu:38 + l_iu + l_fi]
            res.append((ch, decode(name), (part, loc)))
            pos += size
        return res


def decode(cs0):
    if not cs0:
        return ""
    if cs0[0] == 8:
        return cs0[1:].decode("latin-1")
    if cs0[0] == 16:
        return cs0[1:].decode("utf-16-be")
    err("compression id %d" % cs0[0])
    return ""


def main():
    img = Image(sys.argv[1])
    want = {}
    for line in open(sys.argv[2], encoding="utf-8"):
        path, name, datafile = line.rstrip("\n").split("\t")
        want[(path, name)] = open(datafile, "rb").read()

    avdp = img.sector(256)
    img.check_tag(avdp, 2, 256, "anchor")
    vds_len, vds_loc = struct.unpack_from("<II", avdp, 16)
    lvd = None
    for k in range(vds_len // SECTOR):
        d = img.sector(vds_loc + k)
        tid = struct.unpack_from("<H", d, 0)[0]
        if tid == 5:
            img.check_tag(d, 5, vds_loc + k, "partition descriptor")
            img.parts[struct.unpack_from("<H", d, 22)[0]] = struct.unpack_from("<I", d, 188)[0]
        elif tid == 6:
            img.check_tag(d, 6, vds_loc + k, "logical volume descriptor")
            lvd = d
        elif tid == 8:
            break
    nmaps = struct.unpack_from("<I", lvd, 268)[0]
    pos = 440
    metas = []
    for _ in range(nmaps):
        mtype, mlen = lvd[pos], lvd[pos + 1]
        if mtype == 1:
            img.maps.append(("phys", struct.unpack_from("<H", lvd, pos + 4)[0]))
        elif lvd[pos + 4 + 1:pos + 4 + 24].rstrip(b"\0") == b"*UDF Metadata Partition":
            metas.append((len(img.maps), struct.unpack_from("<H", lvd, pos + 38)[0],
                          struct.unpack_from("<I", lvd, pos + 40)[0]))
            img.maps.append(None)
        else:
            err("unknown partition map")
        pos += mlen
    for ref, number, meta_file in metas:
        img.maps[ref] = ("phys", number)   # the metadata file's entry lives in the physical partition
        d = img.read_icb(ref, meta_file, "metadata file")
        _ft, _len, ads, adtype, _e = img.entry(d)
        ext = []
        for i in range(0, len(ads) - 7, 8):
            elen, p = struct.unpack_from("<II", ads, i)
            if elen & 0x3fffffff:
                ext.append((elen & 0x3fffffff, p))
        img.maps[ref] = ("meta", ext)

    fsd_len, fsd_loc, fsd_ref = struct.unpack_from("<IIH", lvd, 248)
    fsd = img.sector(img.block(fsd_ref, fsd_loc))
    img.check_tag(fsd, 256, fsd_loc, "file set descriptor")
    root_len, root_loc, root_ref = struct.unpack_from("<IIH", fsd, 400)

    checked = 0
    stack = [("", (root_ref, root_loc))]
    while stack:
        path, (ref, lbn) = stack.pop()
        d = img.read_icb(ref, lbn, "directory " + (path or "/"))
        if d is None:
            continue
        _ft, _len, ads, adtype, _e = img.entry(d)
        first = struct.unpack_from("<I", ads, 4)[0] if adtype in (0, 1) and len(ads) >= 8 else lbn
        for ch, name, icb in img.fids(ref, first, img.data(ref, d), "directory " + (path or "/")):
            if ch & 0x0c:     # parent, deleted
                continue
            sub = path + "/" + name
            if ch & 0x02:
                stack.append((sub, icb))
                continue
            fe = img.read_icb(icb[0], icb[1], sub)
            if fe is None:
                continue
            ftype, flen, _a, _t, ext = img.entry(fe)
            s_len, s_loc, s_ref = struct.unpack_from("<IIH", fe, 152) if ext else (0, 0, 0)
            if not s_len & 0x3fffffff:
                continue
            sd = img.read_icb(s_ref, s_loc, sub + " stream directory")
            if sd is None:
                continue
            sftype, _l, sads, sadt, _e = img.entry(sd)
            if sftype != 13:
                err("%s: stream directory file type %d" % (sub, sftype))
            sfirst = struct.unpack_from("<I", sads, 4)[0] if sadt in (0, 1) else s_loc
            total = flen
            parents = 0
            for sch, sname, sicb in img.fids(s_ref, sfirst, img.data(s_ref, sd), sub + " stream directory"):
                if sch & 0x08:
                    parents += 1
                    if sicb != icb:
                        err("%s: stream directory parent %r, file at %r" % (sub, sicb, icb))
                    continue
                if sch & 0x04:
                    continue
                se = img.read_icb(sicb[0], sicb[1], sub + ":" + sname)
                if se is None:
                    continue
                stype, slen, _a, _t, _e = img.entry(se)
                total += slen
                if stype != 5:
                    err("%s:%s file type %d" % (sub, sname, stype))
                got = img.data(sicb[0], se)
                exp = want.pop((sub, sname), None)
                if exp is None:
                    err("unexpected stream %s:%s" % (sub, sname))
                elif got != exp:
                    err("%s:%s: %d bytes differ from the %d added" % (sub, sname, len(got), len(exp)))
                else:
                    print("stream %s:%s %d bytes ok" % (sub, sname, len(got)))
                    checked += 1
            if parents != 1:
                err("%s: %d parent FIDs in the stream directory" % (sub, parents))
            if struct.unpack_from("<Q", fe, 64)[0] != total:
                err("%s: object size %d, data and streams %d" % (sub, struct.unpack_from("<Q", fe, 64)[0], total))
    for (p, n) in want:
        err("stream %s:%s not found" % (p, n))
    print("streams: %d checked" % checked)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
