/* Connection points for our event source interfaces: IConnectionPointContainer with
 * one IConnectionPoint per source IID, Advise/Unadvise with cookies, enumerators over
 * points and connections, and firing an event to every sink through IDispatch::Invoke. */
#include "imapi_com.h"

struct sink
{
    DWORD cookie;
    IUnknown *unk;       /* as given to Advise, for EnumConnections */
    IDispatch *disp;     /* the sink as the source interface (IDispatch-derived) */
};

struct imapi_cp
{
    IConnectionPoint IConnectionPoint_iface;
    struct imapi_cpc *cpc;
    const IID *iid;
    struct sink *sinks;
    unsigned count, capacity;
    DWORD next_cookie;
};

struct imapi_cpc
{
    IConnectionPointContainer IConnectionPointContainer_iface;
    struct imapi_object *owner;
    CRITICAL_SECTION cs;
    unsigned count;
    struct imapi_cp points[4];
};

/* ---- a generic snapshot enumerator for IEnumConnectionPoints and IEnumConnections ---- */

struct snapshot_enum
{
    union { IEnumConnectionPoints points; IEnumConnections conns; } iface;
    LONG ref;
    BOOL is_points;
    IUnknown *owner;        /* keeps the container alive */
    unsigned pos, count;
    IUnknown **units;       /* points: IConnectionPoint*; connections: sink IUnknown* */
    DWORD *cookies;         /* connections only */
};

static HRESULT snapshot_create(BOOL is_points, IUnknown *owner, IUnknown **units, DWORD *cookies,
                               unsigned count, unsigned pos, struct snapshot_enum **out);

static struct snapshot_enum *snapshot_from_points(IEnumConnectionPoints *iface)
{
    return CONTAINING_RECORD(iface, struct snapshot_enum, iface.points);
}

static struct snapshot_enum *snapshot_from_conns(IEnumConnections *iface)
{
    return CONTAINING_RECORD(iface, struct snapshot_enum, iface.conns);
}

static HRESULT snapshot_qi(struct snapshot_enum *e, REFIID riid, void **ppv)
{
    const IID *own = e->is_points ? &IID_IEnumConnectionPoints : &IID_IEnumConnections;
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, own))
    {
        *ppv = &e->iface;
        InterlockedIncrement(&e->ref);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG snapshot_release(struct snapshot_enum *e)
{
    ULONG ref = InterlockedDecrement(&e->ref);
    unsigned i;
    if (!ref)
    {
        for (i = 0; i < e->count; i++) IUnknown_Release(e->units[i]);
        IUnknown_Release(e->owner);
        free(e->units);
        free(e->cookies);
        free(e);
    }
    return ref;
}

/* Next for both kinds: fills either IConnectionPoint* or CONNECTDATA. */
static HRESULT snapshot_next(struct snapshot_enum *e, ULONG celt, void *out, ULONG *fetched)
{
    ULONG n = 0;
    if (!out || (celt > 1 && !fetched)) return E_POINTER;
    while (n < celt && e->pos < e->count)
    {
        IUnknown *unk = e->units[e->pos];
        IUnknown_AddRef(unk);
        if (e->is_points) ((IConnectionPoint **)out)[n] = (IConnectionPoint *)unk;
        else
        {
            ((CONNECTDATA *)out)[n].pUnk = unk;
            ((CONNECTDATA *)out)[n].dwCookie = e->cookies[e->pos];
        }
        n++;
        e->pos++;
    }
    if (fetched) *fetched = n;
    return n == celt ? S_OK : S_FALSE;
}

static HRESULT snapshot_skip(struct snapshot_enum *e, ULONG celt)
{
    ULONG left = e->count - e->pos;
    if (celt > left) { e->pos = e->count; return S_FALSE; }
    e->pos += celt;
    return S_OK;
}

static HRESULT snapshot_clone(struct snapshot_enum *e, void **out)
{
    struct snapshot_enum *copy;
    HRESULT hr;
    if (!out) return E_POINTER;
    hr = snapshot_create(e->is_points, e->owner, e->units, e->cookies, e->count, e->pos, &copy);
    *out = SUCCEEDED(hr) ? &copy->iface : NULL;
    return hr;
}

static HRESULT WINAPI ecp_QueryInterface(IEnumConnectionPoints *iface, REFIID riid, void **ppv)
{
    TRACE("(%p)->(%s %p)\n", iface, debugstr_guid(riid), ppv);
    return snapshot_qi(snapshot_from_points(iface), riid, ppv);
}

static ULONG WINAPI ecp_AddRef(IEnumConnectionPoints *iface)
{
    ULONG ref = InterlockedIncrement(&snapshot_from_points(iface)->ref);
    TRACE("(%p) ref=%lu\n", iface, ref);
    return ref;
}

static ULONG WINAPI ecp_Release(IEnumConnectionPoints *iface)
{
    ULONG ref = snapshot_release(snapshot_from_points(iface));
    TRACE("(%p) ref=%lu\n", iface, ref);
    return ref;
}

static HRESULT WINAPI ecp_Next(IEnumConnectionPoints *iface, ULONG celt, IConnectionPoint * *out, ULONG *fetched)
{
    TRACE("(%p)->(%lu %p %p)\n", iface, celt, out, fetched);
    return snapshot_next(snapshot_from_points(iface), celt, out, fetched);
}

static HRESULT WINAPI ecp_Skip(IEnumConnectionPoints *iface, ULONG celt)
{
    TRACE("(%p)->(%lu)\n", iface, celt);
    return snapshot_skip(snapshot_from_points(iface), celt);
}

static HRESULT WINAPI ecp_Reset(IEnumConnectionPoints *iface)
{
    TRACE("(%p)\n", iface);
    snapshot_from_points(iface)->pos = 0;
    return S_OK;
}

static HRESULT WINAPI ecp_Clone(IEnumConnectionPoints *iface, IEnumConnectionPoints **out)
{
    TRACE("(%p)->(%p)\n", iface, out);
    return snapshot_clone(snapshot_from_points(iface), (void **)out);
}

static const IEnumConnectionPointsVtbl ecp_vtbl =
{
    ecp_QueryInterface, ecp_AddRef, ecp_Release, ecp_Next, ecp_Skip, ecp_Reset, ecp_Clone
};

static HRESULT WINAPI ec_QueryInterface(IEnumConnections *iface, REFIID riid, void **ppv)
{
    TRACE("(%p)->(%s %p)\n", iface, debugstr_guid(riid), ppv);
    return snapshot_qi(snapshot_from_conns(iface), riid, ppv);
}

static ULONG WINAPI ec_AddRef(IEnumConnections *iface)
{
    ULONG ref = InterlockedIncrement(&snapshot_from_conns(iface)->ref);
    TRACE("(%p) ref=%lu\n", iface, ref);
    return ref;
}

static ULONG WINAPI ec_Release(IEnumConnections *iface)
{
    ULONG ref = snapshot_release(snapshot_from_conns(iface));
    TRACE("(%p) ref=%lu\n", iface, ref);
    return ref;
}

static HRESULT WINAPI ec_Next(IEnumConnections *iface, ULONG celt, CONNECTDATA *out, ULONG *fetched)
{
    TRACE("(%p)->(%lu %p %p)\n", iface, celt, out, fetched);
    return snapshot_next(snapshot_from_conns(iface), celt, out, fetched);
}

static HRESULT WINAPI ec_Skip(IEnumConnections *iface, ULONG celt)
{
    TRACE("(%p)->(%lu)\n", iface, celt);
    return snapshot_skip(snapshot_from_conns(iface), celt);
}

static HRESULT WINAPI ec_Reset(IEnumConnections *iface)
{
    TRACE("(%p)\n", iface);
    snapshot_from_conns(iface)->pos = 0;
    return S_OK;
}

static HRESULT WINAPI ec_Clone(IEnumConnections *iface, IEnumConnections **out)
{
    TRACE("(%p)->(%p)\n", iface, out);
    return snapshot_clone(snapshot_from_conns(iface), (void **)out);
}

static const IEnumConnectionsVtbl ec_vtbl =
{
    ec_QueryInterface, ec_AddRef, ec_Release, ec_Next, ec_Skip, ec_Reset, ec_Clone
};

static HRESULT snapshot_create(BOOL is_points, IUnknown *owner, IUnknown **units, DWORD *cookies,
                               unsigned count, unsigned pos, struct snapshot_enum **out)
{
    struct snapshot_enum *e = calloc(1, sizeof(*e));
    unsigned i;

    if (!e) return E_OUTOFMEMORY;
    e->units = calloc(count ? count : 1, sizeof(*e->units));
    e->cookies = calloc(count ? count : 1, sizeof(*e->cookies));
    if (!e->units || !e->cookies)
    {
        free(e->units);
        free(e->cookies);
        free(e);
        return E_OUTOFMEMORY;
    }
    if (is_points) e->iface.points.lpVtbl = &ecp_vtbl;
    else e->iface.conns.lpVtbl = &ec_vtbl;
    e->ref = 1;
    e->is_points = is_points;
    e->owner = owner;
    IUnknown_AddRef(owner);
    e->count = count;
    e->pos = pos;
    for (i = 0; i < count; i++)
    {
        e->units[i] = units[i];
        IUnknown_AddRef(units[i]);
        if (cookies) e->cookies[i] = cookies[i];
    }
    *out = e;
    return S_OK;
}

/* ---- IConnectionPoint ---- */

static struct imapi_cp *cp_from_iface(IConnectionPoint *iface)
{
    return CONTAINING_RECORD(iface, struct imapi_cp, IConnectionPoint_iface);
}

static HRESULT WINAPI cp_QueryInterface(IConnectionPoint *iface, REFIID riid, void **ppv)
{
    TRACE("(%p)->(%s %p)\n", iface, debugstr_guid(riid), ppv);
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IConnectionPoint))
    {
        *ppv = iface;
        IConnectionPoint_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

/* Points live inside the container, which lives inside the object: share its count. */
static ULONG WINAPI cp_AddRef(IConnectionPoint *iface)
{
    TRACE("(%p)\n", iface);
    return imapi_object_addref(cp_from_iface(iface)->cpc->owner);
}

static ULONG WINAPI cp_Release(IConnectionPoint *iface)
{
    TRACE("(%p)\n", iface);
    return imapi_object_release(cp_from_iface(iface)->cpc->owner);
}

static HRESULT WINAPI cp_GetConnectionInterface(IConnectionPoint *iface, IID *iid)
{
    TRACE("(%p)->(%p)\n", iface, iid);
    if (!iid) return E_POINTER;
    *iid = *cp_from_iface(iface)->iid;
    return S_OK;
}

static HRESULT WINAPI cp_GetConnectionPointContainer(IConnectionPoint *iface, IConnectionPointContainer **out)
{
    struct imapi_cpc *cpc = cp_from_iface(iface)->cpc;
    TRACE("(%p)->(%p)\n", iface, out);
    if (!out) return E_POINTER;
    *out = &cpc->IConnectionPointContainer_iface;
    IConnectionPointContainer_AddRef(*out);
    return S_OK;
}

static HRESULT WINAPI cp_Advise(IConnectionPoint *iface, IUnknown *unk, DWORD *cookie)
{
    struct imapi_cp *cp = cp_from_iface(iface);
    IDispatch *disp = NULL;

    TRACE("(%p)->(%p %p)\n", iface, unk, cookie);
    if (!unk || !cookie) return E_POINTER;
    *cookie = 0;
    /* Sinks implement the source interface; script sinks may only answer IDispatch. */
    if (FAILED(IUnknown_QueryInterface(unk, cp->iid, (void **)&disp))
        && FAILED(IUnknown_QueryInterface(unk, &IID_IDispatch, (void **)&disp)))
        return CONNECT_E_CANNOTCONNECT;

    EnterCriticalSection(&cp->cpc->cs);
    if (cp->count == cp->capacity)
    {
        unsigned cap = cp->capacity ? cp->capacity * 2 : 4;
        struct sink *grown = realloc(cp->sinks, cap * sizeof(*grown));
        if (!grown)
        {
            LeaveCriticalSection(&cp->cpc->cs);
            IDispatch_Release(disp);
            return E_OUTOFMEMORY;
        }
        cp->sinks = grown;
        cp->capacity = cap;
    }
    cp->sinks[cp->count].cookie = ++cp->next_cookie;
    cp->sinks[cp->count].unk = unk;
    IUnknown_AddRef(unk);
    cp->sinks[cp->count].disp = disp;
    *cookie = cp->sinks[cp->count].cookie;
    cp->count++;
    LeaveCriticalSection(&cp->cpc->cs);
    return S_OK;
}

static HRESULT WINAPI cp_Unadvise(IConnectionPoint *iface, DWORD cookie)
{
    struct imapi_cp *cp = cp_from_iface(iface);
    unsigned i;

    TRACE("(%p)->(%lu)\n", iface, (unsigned long)cookie);
    EnterCriticalSection(&cp->cpc->cs);
    for (i = 0; i < cp->count; i++)
        if (cp->sinks[i].cookie == cookie)
        {
            struct sink gone = cp->sinks[i];
            cp->sinks[i] = cp->sinks[--cp->count];
            LeaveCriticalSection(&cp->cpc->cs);
            IDispatch_Release(gone.disp);
            IUnknown_Release(gone.unk);
            return S_OK;
        }
    LeaveCriticalSection(&cp->cpc->cs);
    return CONNECT_E_NOCONNECTION;
}

static HRESULT WINAPI cp_EnumConnections(IConnectionPoint *iface, IEnumConnections **out)
{
    struct imapi_cp *cp = cp_from_iface(iface);
    struct snapshot_enum *e;
    IUnknown **units;
    DWORD *cookies;
    unsigned i, n;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", iface, out);
    if (!out) return E_POINTER;
    EnterCriticalSection(&cp->cpc->cs);
    n = cp->count;
    units = calloc(n ? n : 1, sizeof(*units));
    cookies = calloc(n ? n : 1, sizeof(*cookies));
    if (!units || !cookies) hr = E_OUTOFMEMORY;
    else
    {
        for (i = 0; i < n; i++)
        {
            units[i] = cp->sinks[i].unk;
            cookies[i] = cp->sinks[i].cookie;
        }
        hr = snapshot_create(FALSE, (IUnknown *)&cp->cpc->IConnectionPointContainer_iface, units, cookies,
                             n, 0, &e);
    }
    LeaveCriticalSection(&cp->cpc->cs);
    free(units);
    free(cookies);
    *out = SUCCEEDED(hr) ? &e->iface.conns : NULL;
    return hr;
}

static const IConnectionPointVtbl cp_vtbl =
{
    cp_QueryInterface, cp_AddRef, cp_Release, cp_GetConnectionInterface, cp_GetConnectionPointContainer,
    cp_Advise, cp_Unadvise, cp_EnumConnections
};

/* ---- IConnectionPointContainer ---- */

static struct imapi_cpc *cpc_from_iface(IConnectionPointContainer *iface)
{
    return CONTAINING_RECORD(iface, struct imapi_cpc, IConnectionPointContainer_iface);
}

static HRESULT WINAPI cpc_QueryInterface(IConnectionPointContainer *iface, REFIID riid, void **ppv)
{
    TRACE("(%p)->(%s %p)\n", iface, debugstr_guid(riid), ppv);
    return imapi_object_qi(cpc_from_iface(iface)->owner, riid, ppv);
}

static ULONG WINAPI cpc_AddRef(IConnectionPointContainer *iface)
{
    TRACE("(%p)\n", iface);
    return imapi_object_addref(cpc_from_iface(iface)->owner);
}

static ULONG WINAPI cpc_Release(IConnectionPointContainer *iface)
{
    TRACE("(%p)\n", iface);
    return imapi_object_release(cpc_from_iface(iface)->owner);
}

static HRESULT WINAPI cpc_EnumConnectionPoints(IConnectionPointContainer *iface, IEnumConnectionPoints **out)
{
    struct imapi_cpc *cpc = cpc_from_iface(iface);
    IUnknown *units[ARRAY_SIZE(cpc->points)];
    struct snapshot_enum *e;
    unsigned i;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", iface, out);
    if (!out) return E_POINTER;
    for (i = 0; i < cpc->count; i++) units[i] = (IUnknown *)&cpc->points[i].IConnectionPoint_iface;
    hr = snapshot_create(TRUE, (IUnknown *)iface, units, NULL, cpc->count, 0, &e);
    *out = SUCCEEDED(hr) ? &e->iface.points : NULL;
    return hr;
}

static struct imapi_cp *find_point(struct imapi_cpc *cpc, REFIID iid)
{
    unsigned i;
    for (i = 0; i < cpc->count; i++)
        if (IsEqualIID(cpc->points[i].iid, iid)) return &cpc->points[i];
    return NULL;
}

static HRESULT WINAPI cpc_FindConnectionPoint(IConnectionPointContainer *iface, REFIID riid,
                                              IConnectionPoint **out)
{
    struct imapi_cp *cp;

    TRACE("(%p)->(%s)\n", iface, debugstr_guid(riid));
    if (!out) return E_POINTER;
    if (!(cp = find_point(cpc_from_iface(iface), riid)))
    {
        *out = NULL;
        return CONNECT_E_NOCONNECTION;
    }
    *out = &cp->IConnectionPoint_iface;
    IConnectionPoint_AddRef(*out);
    return S_OK;
}

static const IConnectionPointContainerVtbl cpc_vtbl =
{
    cpc_QueryInterface, cpc_AddRef, cpc_Release, cpc_EnumConnectionPoints, cpc_FindConnectionPoint
};

HRESULT imapi_cpc_create(struct imapi_object *obj, const IID *const *source_iids, unsigned count)
{
    struct imapi_cpc *cpc;
    unsigned i;

    if (count > ARRAY_SIZE(cpc->points)) return E_INVALIDARG;
    if (!(cpc = calloc(1, sizeof(*cpc)))) return E_OUTOFMEMORY;
    cpc->IConnectionPointContainer_iface.lpVtbl = &cpc_vtbl;
    cpc->owner = obj;
    InitializeCriticalSection(&cpc->cs);
    cpc->count = count;
    for (i = 0; i < count; i++)
    {
        cpc->points[i].IConnectionPoint_iface.lpVtbl = &cp_vtbl;
        cpc->points[i].cpc = cpc;
        cpc->points[i].iid = source_iids[i];
    }
    obj->cpc = cpc;
    return S_OK;
}

void imapi_cpc_destroy(struct imapi_cpc *cpc)
{
    unsigned i, j;
    for (i = 0; i < cpc->count; i++)
    {
        for (j = 0; j < cpc->points[i].count; j++)
        {
            IDispatch_Release(cpc->points[i].sinks[j].disp);
            IUnknown_Release(cpc->points[i].sinks[j].unk);
        }
        free(cpc->points[i].sinks);
    }
    DeleteCriticalSection(&cpc->cs);
    free(cpc);
}

IConnectionPointContainer *imapi_cpc_iface(struct imapi_cpc *cpc)
{
    return &cpc->IConnectionPointContainer_iface;
}

unsigned imapi_cpc_sink_count(struct imapi_cpc *cpc, REFIID iid)
{
    struct imapi_cp *cp = cpc ? find_point(cpc, iid) : NULL;
    return cp ? cp->count : 0;
}

void imapi_cpc_fire(struct imapi_cpc *cpc, REFIID iid, DISPID id, VARIANT *args, unsigned nargs)
{
    struct imapi_cp *cp = cpc ? find_point(cpc, iid) : NULL;
    VARIANT reversed[8];
    DISPPARAMS params = { reversed, NULL, nargs, 0 };
    IDispatch **targets;
    unsigned i, n;

    if (!cp || nargs > ARRAY_SIZE(reversed)) return;
    /* DISPPARAMS hold arguments last-first. */
    for (i = 0; i < nargs; i++) reversed[i] = args[nargs - 1 - i];

    /* Call outside the lock: a sink may Unadvise or fire again from its handler. */
    EnterCriticalSection(&cpc->cs);
    n = cp->count;
    targets = calloc(n ? n : 1, sizeof(*targets));
    for (i = 0; targets && i < n; i++)
    {
        targets[i] = cp->sinks[i].disp;
        IDispatch_AddRef(targets[i]);
    }
    LeaveCriticalSection(&cpc->cs);
    if (!targets) return;
    for (i = 0; i < n; i++)
    {
        HRESULT hr = IDispatch_Invoke(targets[i], id, &IID_NULL, LOCALE_USER_DEFAULT, DISPATCH_METHOD,
                                      &params, NULL, NULL, NULL);
        if (FAILED(hr)) TRACE("sink %p returned %08lx (ignored)\n", targets[i], (unsigned long)hr);
        IDispatch_Release(targets[i]);
    }
    free(targets);
}
