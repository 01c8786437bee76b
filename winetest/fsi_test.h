/* Helpers shared by the IMAPI2FS conformance tests (fsimage.c, fsimage_stage.c):
 * creating an image, its root, a client IStream of pattern bytes that needs no
 * memory and can fail mid-way, and a DFileSystemImageEvents sink. Included once per test program. */
#ifndef IMAPI_WINETEST_FSI_TEST_H
#define IMAPI_WINETEST_FSI_TEST_H

static IFileSystemImage3 *create_image(void)
{
    IFileSystemImage3 *image = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_MsftFileSystemImage, NULL, CLSCTX_INPROC_SERVER, &IID_IFileSystemImage3,
                                  (void **)&image);
    ok(hr == S_OK, "CoCreateInstance(MsftFileSystemImage) failed %#lx\n", hr);
    return image;
}

static IFsiDirectoryItem *get_root(IFileSystemImage3 *image)
{
    IFsiDirectoryItem *root = NULL;
    HRESULT hr = IFileSystemImage3_get_Root(image, &root);
    ok(hr == S_OK && root, "get_Root failed %#lx\n", hr);
    return root;
}

/* Byte i of every pattern stream (and of files the tests write with it). */
static unsigned char pattern_byte(ULONGLONG i) { return (unsigned char)(i * 131 + (i >> 11)); }

/* A memory stream holding len bytes of data, positioned at 0. */
static inline IStream *mem_stream(const void *data, size_t len)
{
    IStream *stream = NULL;
    LARGE_INTEGER zero = {{0}};
    HRESULT hr = CreateStreamOnHGlobal(NULL, TRUE, &stream);
    ok(hr == S_OK, "CreateStreamOnHGlobal failed %#lx\n", hr);
    if (len) IStream_Write(stream, data, (ULONG)len, NULL);
    IStream_Seek(stream, zero, STREAM_SEEK_SET, NULL);
    return stream;
}

/* ---- a client stream of pattern bytes that can fail mid-way ---- */

struct test_stream
{
    IStream IStream_iface;
    LONG ref;
    ULONGLONG size, pos, fail_at;    /* Read fails once pos reaches fail_at */
};

static struct test_stream *ts_impl(IStream *iface) { return CONTAINING_RECORD(iface, struct test_stream, IStream_iface); }

static HRESULT WINAPI ts_QueryInterface(IStream *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IStream) || IsEqualIID(riid, &IID_ISequentialStream))
    {
        *ppv = iface;
        IStream_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG WINAPI ts_AddRef(IStream *iface) { return InterlockedIncrement(&ts_impl(iface)->ref); }
static ULONG WINAPI ts_Release(IStream *iface)
{
    struct test_stream *s = ts_impl(iface);
    ULONG ref = InterlockedDecrement(&s->ref);
    if (!ref) free(s);
    return ref;
}
static HRESULT WINAPI ts_Read(IStream *iface, void *pv, ULONG cb, ULONG *read)
{
    struct test_stream *s = ts_impl(iface);
    ULONG i, n;

    if (read) *read = 0;
    if (s->pos >= s->fail_at) return STG_E_READFAULT;
    n = s->size - s->pos < cb ? (ULONG)(s->size - s->pos) : cb;
    if (s->fail_at - s->pos < n) n = (ULONG)(s->fail_at - s->pos);
    for (i = 0; i < n; i++) ((unsigned char *)pv)[i] = pattern_byte(s->pos + i);
    s->pos += n;
    if (read) *read = n;
    return n < cb ? S_FALSE : S_OK;
}
static HRESULT WINAPI ts_Write(IStream *iface, const void *pv, ULONG cb, ULONG *written) { return STG_E_ACCESSDENIED; }
static HRESULT WINAPI ts_Seek(IStream *iface, LARGE_INTEGER move, DWORD origin, ULARGE_INTEGER *newpos)
{
    struct test_stream *s = ts_impl(iface);
    LONGLONG base = origin == STREAM_SEEK_SET ? 0 : origin == STREAM_SEEK_CUR ? (LONGLONG)s->pos : (LONGLONG)s->size;
    if (base + move.QuadPart < 0) return STG_E_INVALIDFUNCTION;
    s->pos = base + move.QuadPart;
    if (newpos) newpos->QuadPart = s->pos;
    return S_OK;
}
static HRESULT WINAPI ts_SetSize(IStream *iface, ULARGE_INTEGER size) { return E_NOTIMPL; }
static HRESULT WINAPI ts_CopyTo(IStream *iface, IStream *d, ULARGE_INTEGER cb, ULARGE_INTEGER *r, ULARGE_INTEGER *w)
{ return E_NOTIMPL; }
static HRESULT WINAPI ts_Commit(IStream *iface, DWORD flags) { return S_OK; }
static HRESULT WINAPI ts_Revert(IStream *iface) { return S_OK; }
static HRESULT WINAPI ts_LockRegion(IStream *iface, ULARGE_INTEGER o, ULARGE_INTEGER cb, DWORD t) { return E_NOTIMPL; }
static HRESULT WINAPI ts_UnlockRegion(IStream *iface, ULARGE_INTEGER o, ULARGE_INTEGER cb, DWORD t) { return E_NOTIMPL; }
static HRESULT WINAPI ts_Stat(IStream *iface, STATSTG *st, DWORD flag)
{
    memset(st, 0, sizeof(*st));
    st->type = STGTY_STREAM;
    st->cbSize.QuadPart = ts_impl(iface)->size;
    return S_OK;
}
static HRESULT WINAPI ts_Clone(IStream *iface, IStream **out) { *out = NULL; return E_NOTIMPL; }

static const IStreamVtbl ts_vtbl =
{
    ts_QueryInterface, ts_AddRef, ts_Release, ts_Read, ts_Write, ts_Seek, ts_SetSize, ts_CopyTo, ts_Commit,
    ts_Revert, ts_LockRegion, ts_UnlockRegion, ts_Stat, ts_Clone
};

/* size bytes of pattern_byte; Read fails with STG_E_READFAULT once it reaches fail_at
 * (~0ull: never). */
static IStream *test_stream(ULONGLONG size, ULONGLONG fail_at)
{
    struct test_stream *s = calloc(1, sizeof(*s));
    s->IStream_iface.lpVtbl = &ts_vtbl;
    s->ref = 1;
    s->size = size;
    s->fail_at = fail_at;
    return &s->IStream_iface;
}

/* ---- DFileSystemImageEvents sink: keeps the first updates and the last one ---- */

struct fsi_update
{
    IDispatch *object;
    WCHAR file[MAX_PATH];
    LONG copied, total;
};

struct event_sink
{
    IDispatch IDispatch_iface;
    LONG ref;
    IDispatch *expect_object;   /* set after advise: another object counts as bad_args */
    BOOL bad_args;
    int calls;                  /* every Invoke, bad arguments included */
    int count;                  /* updates kept in updates[] */
    struct fsi_update updates[256];
    struct fsi_update last;
};

static struct event_sink *sink_impl(IDispatch *iface) { return CONTAINING_RECORD(iface, struct event_sink, IDispatch_iface); }

static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &IID_DFileSystemImageEvents))
    {
        *ppv = iface;
        IDispatch_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG WINAPI sink_AddRef(IDispatch *iface) { return InterlockedIncrement(&sink_impl(iface)->ref); }
static ULONG WINAPI sink_Release(IDispatch *iface) { return InterlockedDecrement(&sink_impl(iface)->ref); }
static HRESULT WINAPI sink_GetTypeInfoCount(IDispatch *iface, UINT *n) { *n = 0; return S_OK; }
static HRESULT WINAPI sink_GetTypeInfo(IDispatch *iface, UINT i, LCID l, ITypeInfo **ti) { return E_NOTIMPL; }
static HRESULT WINAPI sink_GetIDsOfNames(IDispatch *iface, REFIID riid, LPOLESTR *n, UINT c, LCID l, DISPID *id)
{ return E_NOTIMPL; }
static HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags, DISPPARAMS *p,
                                  VARIANT *res, EXCEPINFO *ei, UINT *err)
{
    struct event_sink *s = sink_impl(iface);
    struct fsi_update *u = &s->last;

    s->calls++;
    /* Update(object, currentFile, copiedSectors, totalSectors): DISPID 256, args reversed */
    if (id != 256 || !p || p->cArgs != 4 || V_VT(&p->rgvarg[3]) != VT_DISPATCH || V_VT(&p->rgvarg[2]) != VT_BSTR
        || V_VT(&p->rgvarg[1]) != VT_I4 || V_VT(&p->rgvarg[0]) != VT_I4
        || (s->expect_object && V_DISPATCH(&p->rgvarg[3]) != s->expect_object))
    {
        s->bad_args = TRUE;
        return S_OK;
    }
    u->object = V_DISPATCH(&p->rgvarg[3]);
    lstrcpynW(u->file, V_BSTR(&p->rgvarg[2]) ? V_BSTR(&p->rgvarg[2]) : L"", MAX_PATH);
    u->copied = V_I4(&p->rgvarg[1]);
    u->total = V_I4(&p->rgvarg[0]);
    if (s->count < (int)(sizeof(s->updates) / sizeof(s->updates[0]))) s->updates[s->count++] = *u;
    return S_OK;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames,
    sink_Invoke
};

/* Resets sink and advises it on image's DFileSystemImageEvents; NULL on failure. */
static IConnectionPoint *advise(IFileSystemImage3 *image, struct event_sink *sink, DWORD *cookie)
{
    IConnectionPointContainer *cpc;
    IConnectionPoint *cp = NULL;
    HRESULT hr;

    memset(sink, 0, sizeof(*sink));
    sink->IDispatch_iface.lpVtbl = &sink_vtbl;
    sink->ref = 1;
    hr = IFileSystemImage3_QueryInterface(image, &IID_IConnectionPointContainer, (void **)&cpc);
    ok(hr == S_OK, "IConnectionPointContainer %#lx\n", hr);
    if (FAILED(hr)) return NULL;
    hr = IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DFileSystemImageEvents, &cp);
    ok(hr == S_OK, "FindConnectionPoint(DFileSystemImageEvents) %#lx\n", hr);
    IConnectionPointContainer_Release(cpc);
    if (FAILED(hr)) return NULL;
    hr = IConnectionPoint_Advise(cp, (IUnknown *)&sink->IDispatch_iface, cookie);
    ok(hr == S_OK, "Advise %#lx\n", hr);
    return cp;
}

#endif
