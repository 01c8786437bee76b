/* MsftDiscMaster2: the list of optical drives (drives.c enumerates them).
 *
 * DDiscMaster2Events: the connection point exists and accepts sinks, but NotifyDeviceAdded /
 * NotifyDeviceRemoved are never fired. Windows fires them from PnP notifications of the
 * CD-ROM device interface class (RegisterDeviceNotification); Wine 8 registers no device
 * interfaces for CD-ROM drives, so there is nothing to register for. The one signal Wine
 * has is mountmgr's WM_DEVICECHANGE broadcast of volume arrival/removal to top-level
 * windows, sent only when a drive appears through udisks/D-Bus: it would need a hidden
 * window and a message loop in the client's thread, and cannot be produced (so not
 * tested) without a system bus. Emulated recorders are configuration, not devices. No
 * polling thread fakes arrivals: Count and Item re-enumerate on every call, so a client
 * that looks again sees changes. */

#include "drives.h"

struct discmaster
{
    struct imapi_object obj;
    IDiscMaster2 IDiscMaster2_iface;
};

IMAPI_IUNKNOWN_METHODS(discmaster, IDiscMaster2, struct discmaster, IDiscMaster2_iface)
IMAPI_IDISPATCH_METHODS(discmaster, IDiscMaster2, IID_IDiscMaster2)

static HRESULT WINAPI discmaster_get__NewEnum(IDiscMaster2 *iface, IEnumVARIANT **out)
{
    struct drive_entry *list;
    unsigned count, i;
    VARIANT *items;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", iface, out);
    if (!out) return E_POINTER;
    *out = NULL;
    if (FAILED(hr = drives_enumerate(&list, &count))) return hr;
    if (!(items = calloc(count ? count : 1, sizeof(*items))))
    {
        drives_free(list, count);
        return E_OUTOFMEMORY;
    }
    for (i = 0; i < count; i++)
    {
        V_VT(&items[i]) = VT_BSTR;
        if (!(V_BSTR(&items[i]) = SysAllocString(list[i].id))) hr = E_OUTOFMEMORY;
    }
    if (SUCCEEDED(hr)) hr = imapi_enum_variant_create(items, count, out);  /* a snapshot: copies */
    for (i = 0; i < count; i++) VariantClear(&items[i]);
    free(items);
    drives_free(list, count);
    return hr;
}

/* Count and Item are live: each call enumerates again (as the documentation's sample
 * relies on to see arrivals). */
static HRESULT WINAPI discmaster_get_Item(IDiscMaster2 *iface, LONG index, BSTR *value)
{
    struct drive_entry *list;
    unsigned count;
    HRESULT hr;

    TRACE("(%p)->(%ld %p)\n", iface, index, value);
    if (!value) return E_POINTER;
    *value = NULL;
    if (FAILED(hr = drives_enumerate(&list, &count))) return hr;
    if (index < 0 || (unsigned)index >= count) hr = E_INVALIDARG;
    else hr = imapi_return_bstr(list[index].id, value);
    drives_free(list, count);
    return hr;
}

static HRESULT WINAPI discmaster_get_Count(IDiscMaster2 *iface, LONG *value)
{
    struct drive_entry *list;
    unsigned count;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = 0;
    if (FAILED(hr = drives_enumerate(&list, &count))) return hr;
    *value = count;
    drives_free(list, count);
    return S_OK;
}

/* The documented algorithm: TRUE iff InitializeDiscRecorder succeeds on some drive. */
static HRESULT WINAPI discmaster_get_IsSupportedEnvironment(IDiscMaster2 *iface, VARIANT_BOOL *value)
{
    struct drive_entry *list;
    unsigned count, i;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = VARIANT_FALSE;
    if (FAILED(hr = drives_enumerate(&list, &count))) return hr;
    for (i = 0; i < count && *value == VARIANT_FALSE; i++)
    {
        IDiscRecorder2 *rec;
        BSTR id;
        if (FAILED(recorder_create(&IID_IDiscRecorder2, (void **)&rec))) break;
        if ((id = SysAllocString(list[i].id)))
        {
            if (SUCCEEDED(IDiscRecorder2_InitializeDiscRecorder(rec, id))) *value = VARIANT_TRUE;
            SysFreeString(id);
        }
        IDiscRecorder2_Release(rec);
    }
    drives_free(list, count);
    return S_OK;
}

static const IDiscMaster2Vtbl discmaster_vtbl =
{
    discmaster_QueryInterface, discmaster_AddRef, discmaster_Release, discmaster_GetTypeInfoCount,
    discmaster_GetTypeInfo, discmaster_GetIDsOfNames, discmaster_Invoke, discmaster_get__NewEnum,
    discmaster_get_Item, discmaster_get_Count, discmaster_get_IsSupportedEnvironment
};

static const struct imapi_iface_entry discmaster_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscMaster2, struct discmaster, IDiscMaster2_iface),
    { NULL }
};

static void discmaster_destroy(struct imapi_object *obj)
{
    struct discmaster *discmaster = CONTAINING_RECORD(obj, struct discmaster, obj);
    free(discmaster);
}

HRESULT discmaster_create(REFIID riid, void **ppv)
{
    static const IID *const sources[] = { &IID_DDiscMaster2Events };
    struct discmaster *discmaster;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(discmaster = calloc(1, sizeof(*discmaster)))) return E_OUTOFMEMORY;
    discmaster->IDiscMaster2_iface.lpVtbl = &discmaster_vtbl;
    imapi_object_init(&discmaster->obj, discmaster_ifaces, TRUE, discmaster_destroy);
    return imapi_object_create_done(&discmaster->obj, sources, ARRAY_SIZE(sources), riid, ppv);
}
