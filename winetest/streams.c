/*
 * Conformance tests of the helper streams MsftStreamPrng001 (IStreamPseudoRandomBased),
 * MsftStreamConcatenate (IStreamConcatenate) and MsftStreamInterleave (IStreamInterleave)
 * (spec 2.13; MsftStreamZero has winetest/stream_zero.c): every member, sizes and seeks
 * past 4 GiB, Clone independence, CopyTo, and each used as the data of
 * IWriteEngine2::WriteSection and IDiscFormat2Data::Write on private copies of the blank
 * CD-R recorder, read back with READ(10).
 * The PRNG's bytes are checked against SplitMix64 computed here from its published
 * definition (our documented [undoc] choice, dlls/imapi2/stream_prng.c).
 */
#include <initguid.h>
#include "test.h"
#include <ocidl.h>
#include "imapi2.h"
#include "imapi2error.h"
#include "emu_clone.h"
#include "emu_media.h"

#define GIB (1024ull * 1024 * 1024)

/* SplitMix64 (Vigna): output n (n >= 1) of the generator seeded with s. */
static ULONGLONG splitmix(ULONG seed, ULONGLONG n)
{
    ULONGLONG z = seed + n * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* The expected PRNG byte at offset: byte offset % 8 of word offset / 8, little endian. */
static BYTE prng_byte(ULONG seed, ULONGLONG offset)
{
    return (BYTE)(splitmix(seed, offset / 8 + 1) >> (8 * (offset % 8)));
}

static BOOL prng_matches(ULONG seed, ULONGLONG offset, const BYTE *buf, ULONG len)
{
    ULONG i;
    for (i = 0; i < len; i++) if (buf[i] != prng_byte(seed, offset + i)) return FALSE;
    return TRUE;
}

static ULONGLONG seek(IStream *s, LONGLONG to, DWORD origin, HRESULT *phr)
{
    ULARGE_INTEGER pos;
    LARGE_INTEGER move;
    HRESULT hr;
    move.QuadPart = to;
    pos.QuadPart = ~0ull;
    hr = IStream_Seek(s, move, origin, &pos);
    if (phr) *phr = hr;
    else ok(hr == S_OK, "Seek(%I64d, %lu) %08lx\n", to, origin, hr);
    return pos.QuadPart;
}

static ULONGLONG position(IStream *s) { return seek(s, 0, STREAM_SEEK_CUR, NULL); }

static ULONGLONG size_of(IStream *s)
{
    STATSTG st;
    memset(&st, 0, sizeof(st));
    ok(IStream_Stat(s, &st, STATFLAG_NONAME) == S_OK, "Stat failed\n");
    return st.cbSize.QuadPart;
}

static IStream *create(REFCLSID clsid, REFIID iid)
{
    IStream *s = NULL;
    HRESULT hr = CoCreateInstance(clsid, NULL, CLSCTX_INPROC_SERVER, iid, (void **)&s);
    ok(hr == S_OK, "CoCreateInstance(%s) %08lx\n", wine_dbgstr_guid(clsid), hr);
    return s;
}

static IStream *prng(ULONG seed, ULONGLONG size)
{
    IStreamPseudoRandomBased *p = (IStreamPseudoRandomBased *)create(&CLSID_MsftStreamPrng001, &IID_IStreamPseudoRandomBased);
    ULARGE_INTEGER sz;
    if (!p) return NULL;
    sz.QuadPart = size;
    ok(IStreamPseudoRandomBased_SetSize(p, sz) == S_OK, "SetSize\n");
    ok(IStreamPseudoRandomBased_put_Seed(p, seed) == S_OK, "put_Seed\n");
    return (IStream *)p;
}

static IStream *zeros(ULONGLONG size)
{
    IStream *z = create(&CLSID_MsftStreamZero, &IID_IStream);
    ULARGE_INTEGER sz;
    sz.QuadPart = size;
    if (z) IStream_SetSize(z, sz);
    return z;
}

/* A memory stream holding bytes (i * mul + add) & 0xff. */
static IStream *pattern(ULONG size, BYTE mul, BYTE add)
{
    HGLOBAL mem = GlobalAlloc(GMEM_MOVEABLE, size ? size : 1);
    BYTE *p = GlobalLock(mem);
    IStream *s = NULL;
    ULONG i;
    for (i = 0; i < size; i++) p[i] = (BYTE)(i * mul + add);
    GlobalUnlock(mem);
    CreateStreamOnHGlobal(mem, TRUE, &s);
    if (s)
    {
        ULARGE_INTEGER sz;
        sz.QuadPart = size;
        IStream_SetSize(s, sz);
    }
    return s;
}

static void check_read_only(IStream *s, const CLSID *clsid, BOOL size_settable)
{
    ULARGE_INTEGER sz, off;
    STATSTG st;
    ULONG got = 7;
    BYTE b[4] = {0};
    HRESULT hr;

    hr = IStream_Write(s, b, 4, &got);
    ok(hr == STG_E_ACCESSDENIED && got == 0, "Write %08lx %lu\n", hr, got);
    hr = IStream_Read(s, NULL, 4, &got);
    ok(hr == STG_E_INVALIDPOINTER, "Read(NULL) %08lx\n", hr);
    ok(IStream_Commit(s, STGC_DEFAULT) == S_OK, "Commit\n");
    ok(IStream_Revert(s) == S_OK, "Revert\n");
    off.QuadPart = 0;
    sz.QuadPart = 10;
    ok(IStream_LockRegion(s, off, sz, LOCK_WRITE) == STG_E_INVALIDFUNCTION, "LockRegion\n");
    ok(IStream_UnlockRegion(s, off, sz, LOCK_WRITE) == STG_E_INVALIDFUNCTION, "UnlockRegion\n");
    memset(&st, 0xcc, sizeof(st));
    hr = IStream_Stat(s, &st, STATFLAG_DEFAULT);
    ok(hr == S_OK && st.type == STGTY_STREAM && st.grfMode == STGM_READ && !st.pwcsName,
       "Stat %08lx type %lu mode %#lx name %p\n", hr, st.type, st.grfMode, st.pwcsName);
    ok(IsEqualCLSID(&st.clsid, clsid), "clsid %s\n", wine_dbgstr_guid(&st.clsid));
    ok(IStream_Stat(s, NULL, 0) == STG_E_INVALIDPOINTER, "Stat(NULL)\n");
    ok(IStream_Stat(s, &st, 0x100) == STG_E_INVALIDFLAG, "Stat(bad flag)\n");
    ok(IStream_Clone(s, NULL) == STG_E_INVALIDPOINTER, "Clone(NULL)\n");
    if (!size_settable)
    {
        sz.QuadPart = 4096;
        hr = IStream_SetSize(s, sz);
        ok(hr == STG_E_ACCESSDENIED, "SetSize %08lx\n", hr);
    }
}

/* ---- MsftStreamPrng001 ---- */

static void test_prng(void)
{
    IStreamPseudoRandomBased *p;
    IStream *s, *other, *clone = NULL;
    ULONG seed = 1, *values = (ULONG *)1, count = 5, got;
    BYTE a[5000], b[5000];
    IUnknown *unk;
    ULONGLONG at;
    HRESULT hr;

    if (!(s = create(&CLSID_MsftStreamPrng001, &IID_IStream))) return;
    hr = IStream_QueryInterface(s, &IID_IStreamPseudoRandomBased, (void **)&p);
    ok(hr == S_OK, "QI IStreamPseudoRandomBased %08lx\n", hr);
    hr = IStream_QueryInterface(s, &IID_IDispatch, (void **)&unk);
    ok(hr == E_NOINTERFACE, "IDispatch %08lx\n", hr);
    check_read_only(s, &CLSID_MsftStreamPrng001, TRUE);

    /* size 0 until SetSize; seed 0 until put_Seed ([undoc]) */
    ok(size_of(s) == 0, "initial size %I64u\n", size_of(s));
    hr = IStreamPseudoRandomBased_get_Seed(p, &seed);
    ok(hr == S_OK && seed == 0, "get_Seed %08lx %lu\n", hr, seed);
    ok(IStreamPseudoRandomBased_get_Seed(p, NULL) == E_POINTER, "get_Seed(NULL)\n");
    hr = IStream_Read(s, a, 10, &got);
    ok(hr == S_OK && got == 0, "Read of size 0: %08lx %lu\n", hr, got);
    /* [doc] ExtendedSeed is not implemented */
    hr = IStreamPseudoRandomBased_put_ExtendedSeed(p, &seed, 1);
    ok(hr == E_NOTIMPL, "put_ExtendedSeed %08lx\n", hr);
    hr = IStreamPseudoRandomBased_get_ExtendedSeed(p, &values, &count);
    ok(hr == E_NOTIMPL, "get_ExtendedSeed %08lx\n", hr);

    /* 6 GiB: reads give the generator's bytes; put_Seed rewinds */
    {
        ULARGE_INTEGER sz;
        sz.QuadPart = 6 * GIB + 3;
        ok(IStream_SetSize(s, sz) == S_OK, "SetSize(6 GiB)\n");
    }
    hr = IStream_Read(s, a, 1001, &got);
    ok(hr == S_OK && got == 1001 && prng_matches(0, 0, a, 1001), "seed 0 bytes %08lx %lu\n", hr, got);
    ok(IStreamPseudoRandomBased_put_Seed(p, 0x12345678) == S_OK, "put_Seed\n");
    ok(position(s) == 0, "put_Seed did not rewind: %I64u\n", position(s));
    hr = IStreamPseudoRandomBased_get_Seed(p, &seed);
    ok(hr == S_OK && seed == 0x12345678, "get_Seed %lx\n", seed);
    hr = IStream_Read(s, a, 3, &got);
    hr = IStream_Read(s, a + 3, 4997, &got);
    ok(hr == S_OK && got == 4997 && prng_matches(0x12345678, 0, a, 5000), "seeded bytes (split read)\n");
    /* same seed, another object: the same bytes; another seed: others */
    other = prng(0x12345678, 10000);
    IStream_Read(other, b, 5000, &got);
    ok(got == 5000 && !memcmp(a, b, 5000), "two streams with one seed differ\n");
    IStreamPseudoRandomBased_put_Seed((IStreamPseudoRandomBased *)other, 0x12345679);
    IStream_Read(other, b, 5000, &got);
    ok(memcmp(a, b, 5000), "two seeds give the same bytes\n");
    IStream_Release(other);

    /* seeks past 4 GiB, from every origin, odd offsets */
    at = seek(s, 5 * GIB + 12345, STREAM_SEEK_SET, NULL);
    ok(at == 5 * GIB + 12345, "Seek(SET 5 GiB) %I64u\n", at);
    hr = IStream_Read(s, a, 999, &got);
    ok(hr == S_OK && got == 999 && prng_matches(0x12345678, at, a, 999), "bytes at 5 GiB\n");
    at = seek(s, -(LONGLONG)GIB, STREAM_SEEK_CUR, NULL);
    ok(at == 4 * GIB + 12345 + 999, "Seek(CUR -1 GiB) %I64u\n", at);
    IStream_Read(s, a, 100, &got);
    ok(prng_matches(0x12345678, at, a, 100), "bytes at 4 GiB\n");
    at = seek(s, -10, STREAM_SEEK_END, NULL);
    ok(at == 6 * GIB - 7, "Seek(END -10) %I64u\n", at);
    hr = IStream_Read(s, a, 100, &got);
    ok(hr == S_OK && got == 10 && prng_matches(0x12345678, at, a, 10), "short read at the end %lu\n", got);
    at = seek(s, 100, STREAM_SEEK_END, NULL);
    hr = IStream_Read(s, a, 100, &got);
    ok(hr == S_OK && got == 0, "read past the end %08lx %lu\n", hr, got);
    seek(s, -1, STREAM_SEEK_SET, &hr);
    ok(hr == STG_E_INVALIDFUNCTION, "Seek(-1) %08lx\n", hr);
    seek(s, 0, 7, &hr);
    ok(hr == STG_E_INVALIDFUNCTION, "Seek(origin 7) %08lx\n", hr);
    ok(position(s) == at, "failed seeks moved the position\n");

    /* Clone: same seed and position, then on its own */
    seek(s, 4 * GIB + 1, STREAM_SEEK_SET, NULL);
    hr = IStream_Clone(s, &clone);
    ok(hr == S_OK && clone, "Clone %08lx\n", hr);
    if (clone)
    {
        IStreamPseudoRandomBased *cp = NULL;
        ok(position(clone) == 4 * GIB + 1 && size_of(clone) == 6 * GIB + 3, "clone at %I64u size %I64u\n",
           position(clone), size_of(clone));
        IStream_QueryInterface(clone, &IID_IStreamPseudoRandomBased, (void **)&cp);
        ok(cp && IStreamPseudoRandomBased_get_Seed(cp, &seed) == S_OK && seed == 0x12345678, "clone seed %lx\n", seed);
        IStream_Read(clone, a, 64, &got);
        ok(prng_matches(0x12345678, 4 * GIB + 1, a, 64), "clone bytes\n");
        ok(position(s) == 4 * GIB + 1, "reading the clone moved the original\n");
        IStreamPseudoRandomBased_put_Seed(p, 99);
        IStream_Read(clone, a, 64, &got);
        ok(prng_matches(0x12345678, 4 * GIB + 65, a, 64), "reseeding the original changed the clone\n");
        if (cp) IStreamPseudoRandomBased_Release(cp);
        ok(IStream_Release(clone) == 0, "clone not released\n");
    }

    /* CopyTo into a memory stream */
    {
        IStream *mem = NULL;
        ULARGE_INTEGER cb, r, w;
        HGLOBAL h;
        BYTE *data;
        CreateStreamOnHGlobal(NULL, TRUE, &mem);
        IStreamPseudoRandomBased_put_Seed(p, 7);
        seek(s, 3, STREAM_SEEK_SET, NULL);
        cb.QuadPart = 200000;
        hr = IStream_CopyTo(s, mem, cb, &r, &w);
        ok(hr == S_OK && r.QuadPart == 200000 && w.QuadPart == 200000, "CopyTo %08lx %I64u %I64u\n", hr,
           r.QuadPart, w.QuadPart);
        GetHGlobalFromStream(mem, &h);
        data = GlobalLock(h);
        ok(prng_matches(7, 3, data, 200000), "CopyTo bytes\n");
        GlobalUnlock(h);
        ok(position(s) == 200003, "position after CopyTo %I64u\n", position(s));
        ok(IStream_CopyTo(s, NULL, cb, NULL, NULL) == STG_E_INVALIDPOINTER, "CopyTo(NULL)\n");
        IStream_Release(mem);
    }
    IStreamPseudoRandomBased_Release(p);
    ok(IStream_Release(s) == 0, "stream not released\n");
}

/* ---- MsftStreamConcatenate ---- */

static IStreamConcatenate *new_concat(void)
{
    return (IStreamConcatenate *)create(&CLSID_MsftStreamConcatenate, &IID_IStreamConcatenate);
}

static void test_concat(void)
{
    IStreamConcatenate *c, *c2;
    IStream *a = pattern(1000, 1, 0), *b = pattern(3000, 3, 5), *d = pattern(10, 7, 1), *e = pattern(0, 1, 1);
    IStream *list[3], *s, *clone = NULL;
    BYTE buf[8192];
    ULONG got, i;
    BOOL good;
    HRESULT hr;

    if (!(c = new_concat())) return;
    s = (IStream *)c;
    check_read_only(s, &CLSID_MsftStreamConcatenate, FALSE);
    ok(size_of(s) == 0, "size before Initialize %I64u\n", size_of(s));
    hr = IStream_Read(s, buf, 10, &got);
    ok(hr == S_OK && got == 0, "Read before Initialize %08lx %lu\n", hr, got);
    /* argument and order checks */
    ok(IStreamConcatenate_Append(c, a) == E_INVALIDARG, "Append before Initialize\n");
    ok(IStreamConcatenate_Append2(c, list, 1) == E_INVALIDARG, "Append2 before Initialize\n");
    ok(IStreamConcatenate_Initialize(c, NULL, b) == E_POINTER, "Initialize(NULL, b)\n");
    ok(IStreamConcatenate_Initialize(c, a, NULL) == E_POINTER, "Initialize(a, NULL)\n");
    ok(IStreamConcatenate_Initialize2(c, NULL, 2) == E_POINTER, "Initialize2(NULL)\n");
    ok(IStreamConcatenate_Initialize2(c, list, 0) == E_INVALIDARG, "Initialize2(count 0)\n");
    ok(size_of(s) == 0, "a failed Initialize changed the size\n");
    hr = IStreamConcatenate_Initialize(c, a, b);
    ok(hr == S_OK, "Initialize %08lx\n", hr);
    ok(IStreamConcatenate_Initialize(c, a, b) == E_INVALIDARG, "Initialize twice\n");
    ok(IStreamConcatenate_Initialize2(c, list, 1) == E_INVALIDARG, "Initialize2 after Initialize\n");
    ok(size_of(s) == 4000, "size %I64u\n", size_of(s));
    hr = IStreamConcatenate_Append(c, d);
    ok(hr == S_OK && size_of(s) == 4010, "Append %08lx size %I64u\n", hr, size_of(s));
    ok(IStreamConcatenate_Append(c, NULL) == E_POINTER, "Append(NULL)\n");
    list[0] = e; list[1] = a; list[2] = NULL;
    ok(IStreamConcatenate_Append2(c, list, 3) == E_POINTER, "Append2 with a NULL element\n");
    ok(IStreamConcatenate_Append2(c, NULL, 1) == E_POINTER, "Append2(NULL)\n");
    ok(IStreamConcatenate_Append2(c, list, 0) == E_INVALIDARG, "Append2(count 0)\n");
    ok(size_of(s) == 4010, "failed appends changed the size\n");
    hr = IStreamConcatenate_Append2(c, list, 2);    /* an empty part, then a again */
    ok(hr == S_OK && size_of(s) == 5010, "Append2 %08lx size %I64u\n", hr, size_of(s));

    /* the bytes, read in pieces that cross the part boundaries */
    seek(s, 0, STREAM_SEEK_SET, NULL);
    memset(buf, 0xee, sizeof(buf));
    for (i = 0; i < 5010; i += got)
    {
        hr = IStream_Read(s, buf + i, 777, &got);
        if (hr != S_OK || !got) break;
    }
    ok(i == 5010, "read %lu bytes\n", i);
    good = TRUE;
    for (i = 0; i < 1000; i++) good &= buf[i] == (BYTE)i;
    for (i = 0; i < 3000; i++) good &= buf[1000 + i] == (BYTE)(i * 3 + 5);
    for (i = 0; i < 10; i++) good &= buf[4000 + i] == (BYTE)(i * 7 + 1);
    for (i = 0; i < 1000; i++) good &= buf[4010 + i] == (BYTE)i;
    ok(good, "concatenated bytes differ\n");
    /* a seek into the middle of a part; the parts' own positions do not matter */
    seek(a, 500, STREAM_SEEK_SET, NULL);
    seek(s, 995, STREAM_SEEK_SET, NULL);
    hr = IStream_Read(s, buf, 10, &got);
    ok(hr == S_OK && got == 10 && buf[0] == 995 % 256 && buf[4] == 999 % 256 && buf[5] == 5 && buf[9] == 17,
       "read across a boundary %08lx %lu: %u %u %u %u\n", hr, got, buf[0], buf[4], buf[5], buf[9]);

    /* Clone: same bytes, own position */
    hr = IStream_Clone(s, &clone);
    ok(hr == S_OK && clone, "Clone %08lx\n", hr);
    if (clone)
    {
        ok(position(clone) == 1005 && size_of(clone) == 5010, "clone at %I64u size %I64u\n", position(clone),
           size_of(clone));
        seek(s, 4000, STREAM_SEEK_SET, NULL);
        IStream_Read(clone, buf, 4, &got);
        ok(got == 4 && buf[0] == (BYTE)(5 * 3 + 5), "clone read %lu %u\n", got, buf[0]);
        IStream_Read(s, buf, 2, &got);
        ok(got == 2 && buf[0] == 1 && buf[1] == 8, "original read after the clone's %u %u\n", buf[0], buf[1]);
        ok(IStream_Release(clone) == 0, "clone not released\n");
    }
    /* CopyTo */
    {
        IStream *mem = NULL;
        ULARGE_INTEGER cb, r, w;
        CreateStreamOnHGlobal(NULL, TRUE, &mem);
        seek(s, 3990, STREAM_SEEK_SET, NULL);
        cb.QuadPart = 100000;
        hr = IStream_CopyTo(s, mem, cb, &r, &w);
        ok(hr == S_OK && r.QuadPart == 1020 && w.QuadPart == 1020, "CopyTo %08lx %I64u %I64u\n", hr, r.QuadPart,
           w.QuadPart);
        seek(mem, 0, STREAM_SEEK_SET, NULL);
        IStream_Read(mem, buf, 1020, &got);
        ok(got == 1020 && buf[0] == (BYTE)(2990 * 3 + 5) && buf[10] == 1 && buf[20] == 0 && buf[1019] == (BYTE)999,
           "CopyTo bytes %u %u %u %u\n", buf[0], buf[10], buf[20], buf[1019]);
        IStream_Release(mem);
    }
    ok(IStreamConcatenate_Release(c) == 0, "concat not released\n");

    /* over 4 GiB: 3 GiB of zeros, 2 GiB of PRNG, 3 bytes */
    if ((c2 = new_concat()))
    {
        IStream *z = zeros(3 * GIB), *r = prng(42, 2 * GIB);
        ULONGLONG at;
        s = (IStream *)c2;
        ok(IStreamConcatenate_Initialize(c2, z, r) == S_OK, "Initialize (big)\n");
        ok(IStreamConcatenate_Append(c2, d) == S_OK, "Append (big)\n");
        ok(size_of(s) == 5 * GIB + 10, "size %I64u\n", size_of(s));
        at = seek(s, 3 * GIB - 4, STREAM_SEEK_SET, NULL);
        hr = IStream_Read(s, buf, 12, &got);
        ok(hr == S_OK && got == 12 && !buf[0] && !buf[3] && prng_matches(42, 0, buf + 4, 8), "bytes at 3 GiB\n");
        at = seek(s, 4 * GIB + 77, STREAM_SEEK_SET, NULL);
        IStream_Read(s, buf, 100, &got);
        ok(got == 100 && prng_matches(42, at - 3 * GIB, buf, 100), "bytes at 4 GiB + 77\n");
        seek(s, -12, STREAM_SEEK_END, NULL);
        IStream_Read(s, buf, 100, &got);
        ok(got == 12 && prng_matches(42, 2 * GIB - 2, buf, 2) && buf[2] == 1 && buf[11] == (BYTE)64,
           "the end: %lu bytes\n", got);
        IStream_Release(z);
        IStream_Release(r);
        ok(IStreamConcatenate_Release(c2) == 0, "big concat not released\n");
    }
    IStream_Release(a);
    IStream_Release(b);
    IStream_Release(d);
    IStream_Release(e);
}

/* ---- MsftStreamInterleave ---- */

static IStreamInterleave *new_interleave(void)
{
    return (IStreamInterleave *)create(&CLSID_MsftStreamInterleave, &IID_IStreamInterleave);
}

static void test_interleave(void)
{
    IStream *main_data = pattern(2352 * 3, 1, 0), *sub = pattern(96 * 3, 5, 9), *shortp = pattern(250, 11, 3);
    IStream *parts[3], *s, *clone = NULL;
    ULONG sizes[3], got, i, k;
    IStreamInterleave *il;
    BYTE buf[16384];
    BOOL good;
    HRESULT hr;

    if (!(il = new_interleave())) return;
    s = (IStream *)il;
    check_read_only(s, &CLSID_MsftStreamInterleave, FALSE);
    parts[0] = main_data; parts[1] = sub; parts[2] = NULL;
    sizes[0] = 2352; sizes[1] = 96; sizes[2] = 0;
    ok(IStreamInterleave_Initialize(il, NULL, sizes, 2) == E_POINTER, "Initialize(NULL streams)\n");
    ok(IStreamInterleave_Initialize(il, parts, NULL, 2) == E_POINTER, "Initialize(NULL sizes)\n");
    ok(IStreamInterleave_Initialize(il, parts, sizes, 0) == E_INVALIDARG, "Initialize(count 0)\n");
    ok(IStreamInterleave_Initialize(il, parts, sizes, 3) == E_POINTER, "Initialize with a NULL stream\n");
    parts[2] = shortp;
    ok(IStreamInterleave_Initialize(il, parts, sizes, 3) == E_INVALIDARG, "Initialize with an interleave size 0\n");
    ok(size_of(s) == 0, "failed Initialize set a size\n");
    hr = IStreamInterleave_Initialize(il, parts, sizes, 2);
    ok(hr == S_OK, "Initialize %08lx\n", hr);
    ok(IStreamInterleave_Initialize(il, parts, sizes, 2) == E_INVALIDARG, "Initialize twice\n");
    ok(size_of(s) == 2448 * 3, "size %I64u\n", size_of(s));
    hr = IStream_Read(s, buf, sizeof(buf), &got);
    ok(hr == S_OK && got == 2448 * 3, "Read %08lx %lu\n", hr, got);
    good = TRUE;
    for (k = 0; k < 3; k++)
    {
        for (i = 0; i < 2352; i++) good &= buf[k * 2448 + i] == (BYTE)(k * 2352 + i);
        for (i = 0; i < 96; i++) good &= buf[k * 2448 + 2352 + i] == (BYTE)((k * 96 + i) * 5 + 9);
    }
    ok(good, "2352 + 96 interleave differs\n");
    /* a seek into the second sector's subcode */
    seek(s, 2448 + 2352 + 10, STREAM_SEEK_SET, NULL);
    IStream_Read(s, buf, 90, &got);
    ok(got == 90 && buf[0] == (BYTE)(106 * 5 + 9) && buf[86] == (BYTE)(2 * 2352), "subcode seek %u %u\n", buf[0],
       buf[86]);
    hr = IStream_Clone(s, &clone);
    ok(hr == S_OK && clone, "Clone %08lx\n", hr);
    if (clone)
    {
        ok(position(clone) == 2448 + 2352 + 100, "clone at %I64u\n", position(clone));
        seek(s, 0, STREAM_SEEK_SET, NULL);
        IStream_Read(clone, buf, 1, &got);
        ok(got == 1 && buf[0] == (BYTE)(2 * 2352 + 4), "clone byte %u\n", buf[0]);
        ok(position(s) == 0, "the clone moved the original\n");
        ok(IStream_Release(clone) == 0, "clone not released\n");
    }
    ok(IStreamInterleave_Release(il) == 0, "interleave not released\n");

    /* unequal parts: 100 + 40 per round; the short part (250 bytes) gives 100, 100, 50 */
    if ((il = new_interleave()))
    {
        IStream *longp = pattern(200, 1, 100);
        s = (IStream *)il;
        parts[0] = shortp; parts[1] = longp;
        sizes[0] = 100; sizes[1] = 40;
        ok(IStreamInterleave_Initialize(il, parts, sizes, 2) == S_OK, "Initialize (unequal)\n");
        ok(size_of(s) == 450, "size %I64u\n", size_of(s));
        IStream_Read(s, buf, 1000, &got);
        ok(got == 450, "read %lu\n", got);
        good = got == 450;
        /* expected: rounds 0,1: 100 short + 40 long; round 2: 50 short + 40 long; rounds 3,4: 40 long */
        {
            ULONG at = 0, so = 0, lo = 0, r;
            for (r = 0; r < 5; r++)
            {
                ULONG n = r < 2 ? 100 : r == 2 ? 50 : 0;
                for (i = 0; i < n; i++, so++) good &= buf[at++] == (BYTE)(so * 11 + 3);
                for (i = 0; i < 40; i++, lo++) good &= buf[at++] == (BYTE)(lo + 100);
            }
        }
        ok(good, "unequal interleave differs\n");
        seek(s, 290 + 45, STREAM_SEEK_SET, NULL);   /* round 2: 5 bytes after the short part's last 50 */
        IStream_Read(s, buf, 1, &got);
        ok(got == 1 && buf[0] == (BYTE)(80 + 5 + 100), "byte 335: %u\n", buf[0]);
        IStream_Release(longp);
        ok(IStreamInterleave_Release(il) == 0, "unequal interleave not released\n");
    }

    /* over 4 GiB: 1 GiB PRNG and 4 GiB of zeros in 2048 / 8192 pieces */
    if ((il = new_interleave()))
    {
        IStream *r = prng(5, GIB), *z = zeros(4 * GIB);
        ULONGLONG round = 300000;
        s = (IStream *)il;
        parts[0] = r; parts[1] = z;
        sizes[0] = 2048; sizes[1] = 8192;
        ok(IStreamInterleave_Initialize(il, parts, sizes, 2) == S_OK, "Initialize (big)\n");
        ok(size_of(s) == 5 * GIB, "size %I64u\n", size_of(s));
        seek(s, round * 10240 - 4, STREAM_SEEK_SET, NULL);    /* past 2.8 GiB */
        IStream_Read(s, buf, 8, &got);
        ok(got == 8 && !buf[0] && !buf[3] && prng_matches(5, round * 2048, buf + 4, 4), "bytes at round %I64u\n", round);
        seek(s, -5, STREAM_SEEK_END, NULL);
        IStream_Read(s, buf, 100, &got);
        ok(got == 5 && !buf[0] && !buf[4], "end: %lu\n", got);
        IStream_Release(r);
        IStream_Release(z);
        ok(IStreamInterleave_Release(il) == 0, "big interleave not released\n");
    }
    IStream_Release(main_data);
    IStream_Release(sub);
    IStream_Release(shortp);
}

/* ---- as data of WriteSection and IDiscFormat2Data::Write ---- */

/* 40 blocks of PRNG seed 9, then 8 zero blocks, then 16 blocks of PRNG seed 10 (a concat). */
static IStream *burn_data(void)
{
    IStreamConcatenate *c = new_concat();
    IStream *parts[3];
    ULONG i;
    if (!c) return NULL;
    parts[0] = prng(9, 40 * 2048);
    parts[1] = zeros(8 * 2048);
    parts[2] = prng(10, 16 * 2048);
    ok(IStreamConcatenate_Initialize2(c, parts, 3) == S_OK, "Initialize2\n");
    for (i = 0; i < 3; i++) IStream_Release(parts[i]);
    return (IStream *)c;
}

static void check_disc(IDiscRecorder2Ex *ex)
{
    BYTE *buf = malloc(64 * 2048);
    BOOL good;
    ULONG i;
    HRESULT hr = emu_read10(ex, 0, 64, buf);
    ok(hr == S_OK, "READ(10) of the written blocks %08lx\n", hr);
    good = hr == S_OK && prng_matches(9, 0, buf, 40 * 2048) && prng_matches(10, 0, buf + 48 * 2048, 16 * 2048);
    for (i = 40 * 2048; i < 48 * 2048; i++) good &= !buf[i];
    ok(good, "the disc does not hold the stream's bytes\n");
    free(buf);
}

static void test_write_section(void)
{
    IDiscRecorder2 *r;
    IDiscRecorder2Ex *ex = NULL;
    IWriteEngine2 *engine = NULL;
    IStream *data;
    LONG index;
    BSTR id;
    HRESULT hr;

    if (!emu_clone("BlankCDR", "StreamsWE", &id, &index)) return;
    r = emu_open_id(id);
    SysFreeString(id);
    if (!r) return;
    IDiscRecorder2_QueryInterface(r, &IID_IDiscRecorder2Ex, (void **)&ex);
    CoCreateInstance(&CLSID_MsftWriteEngine2, NULL, CLSCTX_INPROC_SERVER, &IID_IWriteEngine2, (void **)&engine);
    ok(engine && ex, "no engine or IDiscRecorder2Ex\n");
    if (engine && ex && (data = burn_data()))
    {
        IWriteEngine2_put_Recorder(engine, ex);
        IWriteEngine2_put_BytesPerSector(engine, 2048);
        hr = IWriteEngine2_WriteSection(engine, data, 0, 64);
        ok(hr == S_OK, "WriteSection of a concatenation %08lx\n", hr);
        if (hr == S_OK) check_disc(ex);
        IStream_Release(data);
        /* an interleave of two PRNG streams, a block of each in turn, after it */
        if ((data = (IStream *)new_interleave()))
        {
            IStream *parts[2] = { prng(21, 16 * 2048), prng(22, 16 * 2048) };
            ULONG sizes[2] = { 2048, 2048 }, k;
            BYTE *buf = malloc(32 * 2048);
            BOOL good;
            ok(IStreamInterleave_Initialize((IStreamInterleave *)data, parts, sizes, 2) == S_OK, "Initialize\n");
            hr = IWriteEngine2_WriteSection(engine, data, 64, 32);
            ok(hr == S_OK, "WriteSection of an interleave %08lx\n", hr);
            good = hr == S_OK && emu_read10(ex, 64, 32, buf) == S_OK;
            for (k = 0; good && k < 32; k++)
                good = prng_matches(k % 2 ? 22 : 21, (k / 2) * 2048, buf + k * 2048, 2048);
            ok(good, "the disc does not hold the interleaved blocks\n");
            free(buf);
            IStream_Release(parts[0]);
            IStream_Release(parts[1]);
            IStream_Release(data);
        }
    }
    if (engine) IWriteEngine2_Release(engine);
    if (ex) IDiscRecorder2Ex_Release(ex);
    IDiscRecorder2_Release(r);
}

static void test_format_data_write(void)
{
    IDiscFormat2Data *d = NULL;
    IDiscRecorder2 *r;
    IDiscRecorder2Ex *ex = NULL;
    IStream *data;
    LONG index;
    BSTR id, name;
    HRESULT hr;

    if (!emu_clone("BlankCDR", "StreamsFD", &id, &index)) return;
    r = emu_open_id(id);
    SysFreeString(id);
    if (!r) return;
    IDiscRecorder2_QueryInterface(r, &IID_IDiscRecorder2Ex, (void **)&ex);
    hr = CoCreateInstance(&CLSID_MsftDiscFormat2Data, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscFormat2Data, (void **)&d);
    ok(hr == S_OK, "MsftDiscFormat2Data %08lx\n", hr);
    if (d && ex && (data = burn_data()))
    {
        name = SysAllocString(L"winetest streams");
        ok(IDiscFormat2Data_put_Recorder(d, r) == S_OK, "put_Recorder\n");
        ok(IDiscFormat2Data_put_ClientName(d, name) == S_OK, "put_ClientName\n");
        SysFreeString(name);
        /* the stream is read from its start wherever it stands */
        seek(data, 12345, STREAM_SEEK_SET, NULL);
        hr = IDiscFormat2Data_Write(d, data);
        ok(hr == S_OK, "IDiscFormat2Data::Write of a concatenation %08lx\n", hr);
        if (hr == S_OK) check_disc(ex);
        IStream_Release(data);
    }
    if (d) IDiscFormat2Data_Release(d);
    if (ex) IDiscRecorder2Ex_Release(ex);
    IDiscRecorder2_Release(r);
}

START_TEST(streams)
{
    CoInitialize(NULL);
    test_prng();
    test_concat();
    test_interleave();
    test_write_section();
    test_format_data_write();
    CoUninitialize();
}
