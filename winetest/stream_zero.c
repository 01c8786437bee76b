/*
 * Conformance tests of MsftStreamZero (spec 2.13): a read-only IStream of zero bytes
 * whose size the caller must set. The documented part: IStream only, reads give zeros,
 * SetSize is required. The rest is our [undoc] choice, written down in
 * dlls/imapi2/stream_zero.c (answers as FsiStream and Wine's memory streams).
 */
#include <initguid.h>
#include "test.h"
#include <ocidl.h>
#include "imapi2.h"
#include "imapi2error.h"

static IStream *new_zero(void)
{
    IStream *s = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_MsftStreamZero, NULL, CLSCTX_INPROC_SERVER, &IID_IStream, (void **)&s);
    ok(hr == S_OK, "CoCreateInstance(MsftStreamZero) %08lx\n", hr);
    return s;
}

static BOOL all_zero(const BYTE *p, ULONG n)
{
    while (n--) if (*p++) return FALSE;
    return TRUE;
}

static ULONGLONG position(IStream *s)
{
    ULARGE_INTEGER pos;
    LARGE_INTEGER zero;
    zero.QuadPart = 0;
    pos.QuadPart = ~0ull;
    ok(IStream_Seek(s, zero, STREAM_SEEK_CUR, &pos) == S_OK, "Seek(CUR 0)\n");
    return pos.QuadPart;
}

/* A destination for CopyTo: counts the bytes and checks they are zeros. */
struct sink
{
    IStream IStream_iface;
    ULONGLONG written;
    BOOL nonzero;
    ULONG limit;      /* take at most this much per Write (0: all) */
};
static struct sink *sink_impl(IStream *iface) { return CONTAINING_RECORD(iface, struct sink, IStream_iface); }
static HRESULT WINAPI sink_QueryInterface(IStream *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IStream) || IsEqualIID(riid, &IID_ISequentialStream))
    {
        *ppv = iface;
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG WINAPI sink_AddRef(IStream *iface) { return 2; }
static ULONG WINAPI sink_Release(IStream *iface) { return 1; }
static HRESULT WINAPI sink_Read(IStream *iface, void *pv, ULONG cb, ULONG *done) { return E_NOTIMPL; }
static HRESULT WINAPI sink_Write(IStream *iface, const void *pv, ULONG cb, ULONG *done)
{
    struct sink *s = sink_impl(iface);
    if (s->limit && cb > s->limit) cb = s->limit;
    if (!all_zero(pv, cb)) s->nonzero = TRUE;
    s->written += cb;
    if (done) *done = cb;
    return S_OK;
}
static HRESULT WINAPI sink_Seek(IStream *iface, LARGE_INTEGER m, DWORD o, ULARGE_INTEGER *p) { return E_NOTIMPL; }
static HRESULT WINAPI sink_SetSize(IStream *iface, ULARGE_INTEGER size) { return E_NOTIMPL; }
static HRESULT WINAPI sink_CopyTo(IStream *iface, IStream *to, ULARGE_INTEGER cb, ULARGE_INTEGER *r, ULARGE_INTEGER *w)
{ return E_NOTIMPL; }
static HRESULT WINAPI sink_Commit(IStream *iface, DWORD flags) { return S_OK; }
static HRESULT WINAPI sink_Revert(IStream *iface) { return S_OK; }
static HRESULT WINAPI sink_LockRegion(IStream *iface, ULARGE_INTEGER o, ULARGE_INTEGER cb, DWORD t) { return E_NOTIMPL; }
static HRESULT WINAPI sink_UnlockRegion(IStream *iface, ULARGE_INTEGER o, ULARGE_INTEGER cb, DWORD t) { return E_NOTIMPL; }
static HRESULT WINAPI sink_Stat(IStream *iface, STATSTG *st, DWORD flags) { return E_NOTIMPL; }
static HRESULT WINAPI sink_Clone(IStream *iface, IStream **out) { return E_NOTIMPL; }
static const IStreamVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_Read, sink_Write, sink_Seek, sink_SetSize, sink_CopyTo,
    sink_Commit, sink_Revert, sink_LockRegion, sink_UnlockRegion, sink_Stat, sink_Clone
};

static void test_interfaces(void)
{
    IStream *s = new_zero();
    IUnknown *unk = NULL;
    HRESULT hr;

    if (!s) return;
    hr = IStream_QueryInterface(s, &IID_ISequentialStream, (void **)&unk);
    ok(hr == S_OK, "ISequentialStream %08lx\n", hr);
    if (unk) IUnknown_Release(unk);
    /* IStream only, no extra interface (spec 2.13) */
    hr = IStream_QueryInterface(s, &IID_IStreamPseudoRandomBased, (void **)&unk);
    ok(hr == E_NOINTERFACE, "IStreamPseudoRandomBased %08lx\n", hr);
    hr = IStream_QueryInterface(s, &IID_IDispatch, (void **)&unk);
    ok(hr == E_NOINTERFACE, "IDispatch %08lx\n", hr);
    ok(IStream_Release(s) == 0, "stream not released\n");
}

static void test_read_seek_stat(void)
{
    IStream *s = new_zero(), *clone = NULL;
    ULARGE_INTEGER size, pos;
    LARGE_INTEGER move;
    STATSTG st;
    BYTE buf[5000];
    ULONG got;
    HRESULT hr;

    if (!s) return;
    /* size 0 until SetSize: nothing to read */
    memset(&st, 0xcc, sizeof(st));
    hr = IStream_Stat(s, &st, STATFLAG_NONAME);
    ok(hr == S_OK, "Stat %08lx\n", hr);
    ok(st.type == STGTY_STREAM, "type %lu\n", st.type);
    ok(st.cbSize.QuadPart == 0, "size %I64u\n", st.cbSize.QuadPart);
    ok(IsEqualCLSID(&st.clsid, &CLSID_MsftStreamZero), "clsid %s\n", wine_dbgstr_guid(&st.clsid));
    ok(st.pwcsName == NULL, "name %p\n", st.pwcsName);
    got = 123;
    hr = IStream_Read(s, buf, sizeof(buf), &got);
    ok(hr == S_OK && got == 0, "Read before SetSize %08lx, %lu bytes\n", hr, got);

    size.QuadPart = 3 * 2048 + 100;
    hr = IStream_SetSize(s, size);
    ok(hr == S_OK, "SetSize %08lx\n", hr);
    hr = IStream_Stat(s, &st, STATFLAG_DEFAULT);
    ok(hr == S_OK && st.cbSize.QuadPart == size.QuadPart, "Stat %08lx size %I64u\n", hr, st.cbSize.QuadPart);
    ok(st.grfMode == STGM_READ, "mode %#lx\n", st.grfMode);
    CoTaskMemFree(st.pwcsName);
    ok(position(s) == 0, "SetSize moved the position\n");

    memset(buf, 0xaa, sizeof(buf));
    hr = IStream_Read(s, buf, 4096, &got);
    ok(hr == S_OK && got == 4096 && all_zero(buf, 4096), "Read %08lx, %lu bytes\n", hr, got);
    ok(buf[4096] == 0xaa, "Read wrote past its count\n");
    memset(buf, 0xaa, sizeof(buf));
    hr = IStream_Read(s, buf, sizeof(buf), &got);
    ok(hr == S_OK && got == 2048 + 100 && all_zero(buf, got), "short Read at the end %08lx, %lu bytes\n", hr, got);
    ok(buf[got] == 0xaa, "Read wrote past the end of the stream\n");
    hr = IStream_Read(s, buf, sizeof(buf), &got);
    ok(hr == S_OK && got == 0, "Read at the end %08lx, %lu bytes\n", hr, got);
    hr = IStream_Read(s, buf, 10, NULL);
    ok(hr == S_OK, "Read with NULL count %08lx\n", hr);

    /* Seek: SET / CUR / END, past the end allowed, negative refused */
    move.QuadPart = 100;
    hr = IStream_Seek(s, move, STREAM_SEEK_SET, &pos);
    ok(hr == S_OK && pos.QuadPart == 100, "Seek(SET 100) %08lx %I64u\n", hr, pos.QuadPart);
    move.QuadPart = -50;
    hr = IStream_Seek(s, move, STREAM_SEEK_CUR, &pos);
    ok(hr == S_OK && pos.QuadPart == 50, "Seek(CUR -50) %08lx %I64u\n", hr, pos.QuadPart);
    move.QuadPart = -100;
    hr = IStream_Seek(s, move, STREAM_SEEK_END, &pos);
    ok(hr == S_OK && pos.QuadPart == size.QuadPart - 100, "Seek(END -100) %08lx %I64u\n", hr, pos.QuadPart);
    hr = IStream_Read(s, buf, sizeof(buf), &got);
    ok(hr == S_OK && got == 100, "Read of the last 100 %08lx, %lu bytes\n", hr, got);
    move.QuadPart = 1000;
    hr = IStream_Seek(s, move, STREAM_SEEK_END, &pos);
    ok(hr == S_OK && pos.QuadPart == size.QuadPart + 1000, "Seek past the end %08lx %I64u\n", hr, pos.QuadPart);
    hr = IStream_Read(s, buf, sizeof(buf), &got);
    ok(hr == S_OK && got == 0, "Read past the end %08lx, %lu bytes\n", hr, got);
    move.QuadPart = -1;
    hr = IStream_Seek(s, move, STREAM_SEEK_SET, &pos);
    ok(hr == STG_E_INVALIDFUNCTION, "Seek(SET -1) %08lx\n", hr);
    move.QuadPart = 0;
    hr = IStream_Seek(s, move, 3, NULL);
    ok(hr == STG_E_INVALIDFUNCTION, "Seek(origin 3) %08lx\n", hr);
    ok(position(s) == size.QuadPart + 1000, "a failed Seek moved the position\n");

    /* SetSize grows and shrinks; the position stays */
    size.QuadPart = 1 << 20;
    ok(IStream_SetSize(s, size) == S_OK, "SetSize(1 MiB)\n");
    ok(position(s) == 3 * 2048 + 100 + 1000, "SetSize moved the position\n");
    hr = IStream_Read(s, buf, sizeof(buf), &got);
    ok(hr == S_OK && got == sizeof(buf) && all_zero(buf, got), "Read after growing %08lx, %lu bytes\n", hr, got);
    size.QuadPart = 0x7fffffffffffffffull;
    ok(IStream_SetSize(s, size) == S_OK, "SetSize(2^63 - 1)\n");
    size.QuadPart = 0x8000000000000000ull;
    hr = IStream_SetSize(s, size);
    ok(hr == STG_E_INVALIDFUNCTION, "SetSize(2^63) %08lx\n", hr);
    hr = IStream_Stat(s, &st, STATFLAG_NONAME);
    ok(hr == S_OK && st.cbSize.QuadPart == 0x7fffffffffffffffull, "a failed SetSize changed the size %I64u\n",
       st.cbSize.QuadPart);
    size.QuadPart = 10;
    ok(IStream_SetSize(s, size) == S_OK, "SetSize(10)\n");

    /* read only; bad arguments */
    got = 5;
    hr = IStream_Write(s, buf, 10, &got);
    ok(hr == STG_E_ACCESSDENIED && got == 0, "Write %08lx %lu\n", hr, got);
    hr = IStream_Read(s, NULL, 10, &got);
    ok(hr == STG_E_INVALIDPOINTER, "Read(NULL) %08lx\n", hr);
    hr = IStream_Stat(s, NULL, STATFLAG_NONAME);
    ok(hr == STG_E_INVALIDPOINTER, "Stat(NULL) %08lx\n", hr);
    hr = IStream_Stat(s, &st, 0x100);
    ok(hr == STG_E_INVALIDFLAG, "Stat(bad flag) %08lx\n", hr);
    ok(IStream_Commit(s, STGC_DEFAULT) == S_OK, "Commit\n");
    ok(IStream_Revert(s) == S_OK, "Revert\n");
    pos.QuadPart = 0;
    hr = IStream_LockRegion(s, pos, size, LOCK_WRITE);
    ok(hr == STG_E_INVALIDFUNCTION, "LockRegion %08lx\n", hr);
    hr = IStream_UnlockRegion(s, pos, size, LOCK_WRITE);
    ok(hr == STG_E_INVALIDFUNCTION, "UnlockRegion %08lx\n", hr);

    /* Clone: same size and position, its own position afterwards */
    move.QuadPart = 4;
    IStream_Seek(s, move, STREAM_SEEK_SET, NULL);
    hr = IStream_Clone(s, NULL);
    ok(hr == STG_E_INVALIDPOINTER, "Clone(NULL) %08lx\n", hr);
    hr = IStream_Clone(s, &clone);
    ok(hr == S_OK && clone, "Clone %08lx\n", hr);
    if (clone)
    {
        ok(position(clone) == 4, "clone at %I64u\n", position(clone));
        hr = IStream_Read(clone, buf, sizeof(buf), &got);
        ok(hr == S_OK && got == 6, "Read of the clone %08lx, %lu bytes\n", hr, got);
        ok(position(s) == 4, "reading the clone moved the original\n");
        ok(IStream_Release(clone) == 0, "clone not released\n");
    }
    ok(IStream_Release(s) == 0, "stream not released\n");
}

static void test_copy_to(void)
{
    struct sink sink = { { &sink_vtbl } };
    ULARGE_INTEGER size, cb, r, w;
    LARGE_INTEGER move;
    IStream *s = new_zero();
    HRESULT hr;

    if (!s) return;
    size.QuadPart = 300000;
    IStream_SetSize(s, size);
    move.QuadPart = 1000;
    IStream_Seek(s, move, STREAM_SEEK_SET, NULL);
    cb.QuadPart = 200000;
    hr = IStream_CopyTo(s, &sink.IStream_iface, cb, &r, &w);
    ok(hr == S_OK, "CopyTo %08lx\n", hr);
    ok(r.QuadPart == 200000 && w.QuadPart == 200000, "CopyTo read %I64u wrote %I64u\n", r.QuadPart, w.QuadPart);
    ok(sink.written == 200000 && !sink.nonzero, "sink got %I64u bytes, nonzero %d\n", sink.written, sink.nonzero);
    ok(position(s) == 201000, "position %I64u\n", position(s));
    /* more than is left: up to the end */
    cb.QuadPart = ~0ull;
    hr = IStream_CopyTo(s, &sink.IStream_iface, cb, &r, &w);
    ok(hr == S_OK && r.QuadPart == 99000 && w.QuadPart == 99000, "CopyTo to the end %08lx %I64u %I64u\n", hr,
       r.QuadPart, w.QuadPart);
    /* a destination that takes less: STG_E_MEDIUMFULL */
    move.QuadPart = 0;
    IStream_Seek(s, move, STREAM_SEEK_SET, NULL);
    sink.limit = 10;
    cb.QuadPart = 100;
    hr = IStream_CopyTo(s, &sink.IStream_iface, cb, &r, &w);
    ok(hr == STG_E_MEDIUMFULL && r.QuadPart == 100 && w.QuadPart == 10, "CopyTo into a full sink %08lx %I64u %I64u\n",
       hr, r.QuadPart, w.QuadPart);
    hr = IStream_CopyTo(s, NULL, cb, NULL, NULL);
    ok(hr == STG_E_INVALIDPOINTER, "CopyTo(NULL) %08lx\n", hr);
    ok(IStream_Release(s) == 0, "stream not released\n");
}

START_TEST(stream_zero)
{
    CoInitialize(NULL);
    test_interfaces();
    test_read_seek_stat();
    test_copy_to();
    CoUninitialize();
}
