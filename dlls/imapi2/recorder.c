/* MsftDiscRecorder2: one optical drive (IDiscRecorder2, scriptable) and raw MMC access to it
 * (IDiscRecorder2Ex). The drive is reached through drives.h (pass-through or emulated, the
 * object does not know which); MMC rules live in core/mmc.
 *
 * Choices where the documentation is silent (tested in winetest/recorder.c):
 *  - every member except InitializeDiscRecorder fails with E_IMAPI_RECORDER_REQUIRED before
 *    InitializeDiscRecorder succeeded (NULL output pointers are reported first, E_POINTER);
 *  - InitializeDiscRecorder with NULL, "" or an ID no drive has: E_INVALIDARG; a second
 *    InitializeDiscRecorder switches to the new drive (exclusive access and MCN counts of the
 *    old one are given back);
 *  - ReleaseExclusiveAccess / EnableMcn with a count of 0 do nothing and return S_OK;
 *  - AcquireExclusiveAccess with a NULL or empty name: E_INVALIDARG (documented), with a name
 *    of characters IOCTL_CDROM_EXCLUSIVE_ACCESS refuses or over 63 characters:
 *    E_IMAPI_RECORDER_CLIENT_NAME_IS_NOT_VALID;
 *  - AcquireExclusiveAccess while another client holds the drive: E_ACCESSDENIED; meanwhile
 *    every other command of the other clients fails with E_IMAPI_RECORDER_LOCKED (INQUIRY
 *    data, read at initialisation, stays available);
 *  - CloseTray on a drive that cannot load media (DeviceCanLoadMedia FALSE): E_FAIL;
 *  - VolumeName without a drive letter (emulated recorder): empty string;
 *  - GetByteAlignmentMask returns AlignmentMask + 1 (a power of two; 1 = any address). */

#include "drives.h"
#include "mmc/exclusive_name.h"

struct recorder
{
    struct imapi_object obj;
    IDiscRecorder2 IDiscRecorder2_iface;
    IDiscRecorder2Ex IDiscRecorder2Ex_iface;
    CRITICAL_SECTION cs;
    struct drive_entry *entry;
    struct drive *drive;
    mmc_device dev;
    mmc_inquiry inq;
    LONG exclusive_count;
    LONG mcn_disable_count;
};

IMAPI_IUNKNOWN_METHODS(recorder, IDiscRecorder2, struct recorder, IDiscRecorder2_iface)
IMAPI_IDISPATCH_METHODS(recorder, IDiscRecorder2, IID_IDiscRecorder2)

static WCHAR *wide_from_ascii(const char *s, WCHAR *buf, size_t n)
{
    size_t i;
    for (i = 0; s[i] && i + 1 < n; i++) buf[i] = (unsigned char)s[i];
    buf[i] = 0;
    return buf;
}

/* Drop the drive (gives back exclusive access and MCN). */
static void recorder_detach(struct recorder *r)
{
    if (r->drive)
    {
        if (r->exclusive_count) drive_exclusive_release(r->drive);
        drive_close(r->drive);
    }
    drives_free(r->entry, r->entry ? 1 : 0);
    r->drive = NULL;
    r->entry = NULL;
    r->exclusive_count = r->mcn_disable_count = 0;
    memset(&r->inq, 0, sizeof(r->inq));
}

static HRESULT WINAPI recorder_EjectMedia(IDiscRecorder2 *iface)
{
    struct recorder *r = recorder_impl(iface);
    HRESULT hr;
    TRACE("(%p)\n", iface);
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    hr = mmc_dev_eject(&r->dev);
    LeaveCriticalSection(&r->cs);
    return hr;
}

/* DeviceCanLoadMedia: the Removable Medium feature's Load and Eject bits; drives without
 * the feature: page 2Ah's loading mechanism (tray or pop-up) with its Eject bit. */
static HRESULT can_load(struct recorder *r, BOOL *value)
{
    uint8_t *desc = NULL, *page = NULL;
    size_t len = 0;
    HRESULT hr;
    *value = FALSE;
    hr = mmc_dev_get_feature(&r->dev, MMC_FEATURE_REMOVABLE_MEDIUM, 0, &desc, &len);
    if (SUCCEEDED(hr) && len >= 5)
    {
        *value = (desc[4] & 0x10) && (desc[4] & 0x08);
        free(desc);
        return S_OK;
    }
    free(desc);
    if (hr != E_IMAPI_RECORDER_NO_SUCH_FEATURE && hr != E_IMAPI_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED) return hr;
    if (SUCCEEDED(hr = mmc_dev_get_mode_page(&r->dev, MMC_MODE_PAGE_LEGACY_CAPABILITIES, MMC_PC_CURRENT, &page, &len)))
    {
        mmc_caps_page caps;
        if (SUCCEEDED(hr = mmc_parse_caps_page(page, len, &caps)))
            *value = caps.can_eject && (caps.loading_mechanism == 1 || caps.loading_mechanism == 2);
        free(page);
    }
    return hr;
}

static HRESULT WINAPI recorder_CloseTray(IDiscRecorder2 *iface)
{
    struct recorder *r = recorder_impl(iface);
    BOOL loads;
    HRESULT hr;
    TRACE("(%p)\n", iface);
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    if (SUCCEEDED(hr = can_load(r, &loads)))
        hr = loads ? mmc_dev_load(&r->dev) : E_FAIL;
    LeaveCriticalSection(&r->cs);
    return hr;
}

static HRESULT WINAPI recorder_AcquireExclusiveAccess(IDiscRecorder2 *iface, VARIANT_BOOL force, BSTR name)
{
    struct recorder *r = recorder_impl(iface);
    HRESULT hr = S_OK;
    TRACE("(%p)->(%d %s)\n", iface, force, debugstr_w(name));
    /* The page: the name "cannot be NULL or a zero-length string", and lists E_INVALIDARG.
     * [undoc] A name the IOCTL_CDROM_EXCLUSIVE_ACCESS rules refuse (characters, length):
     * the page lists no code for it; the recorder family's own CLIENT_NAME_IS_NOT_VALID
     * (0xC0AA0211, "the client name is not valid") can only come from here, the one
     * IDiscRecorder2 member that takes a client name. Arguments before the drive state. */
    if (!name || !*name) return E_INVALIDARG;
    if (!exclusive_name_valid((const uint16_t *)name, wcslen(name)))
        return E_IMAPI_RECORDER_CLIENT_NAME_IS_NOT_VALID;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    if (!r->exclusive_count) hr = drive_exclusive_acquire(r->drive, force != VARIANT_FALSE, name);
    if (SUCCEEDED(hr)) r->exclusive_count++;
    LeaveCriticalSection(&r->cs);
    return hr;
}

static HRESULT WINAPI recorder_ReleaseExclusiveAccess(IDiscRecorder2 *iface)
{
    struct recorder *r = recorder_impl(iface);
    HRESULT hr = S_OK;
    TRACE("(%p)\n", iface);
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    if (r->exclusive_count && !--r->exclusive_count) hr = drive_exclusive_release(r->drive);
    LeaveCriticalSection(&r->cs);
    return hr;
}

/* MCN (AutoPlay notifications) are a property of the system's handle on the drive; the
 * count is kept here and the handle told on 0 <-> 1 (IOCTL_STORAGE_MCN_CONTROL). */
static HRESULT WINAPI recorder_DisableMcn(IDiscRecorder2 *iface)
{
    struct recorder *r = recorder_impl(iface);
    HRESULT hr = S_OK;
    TRACE("(%p)\n", iface);
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    if (!r->mcn_disable_count) hr = drive_mcn(r->drive, FALSE);
    if (SUCCEEDED(hr)) r->mcn_disable_count++;
    LeaveCriticalSection(&r->cs);
    return hr;
}

static HRESULT WINAPI recorder_EnableMcn(IDiscRecorder2 *iface)
{
    struct recorder *r = recorder_impl(iface);
    HRESULT hr = S_OK;
    TRACE("(%p)\n", iface);
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    if (r->mcn_disable_count == 1) hr = drive_mcn(r->drive, TRUE);
    if (SUCCEEDED(hr) && r->mcn_disable_count) r->mcn_disable_count--;
    LeaveCriticalSection(&r->cs);
    return hr;
}

static HRESULT WINAPI recorder_InitializeDiscRecorder(IDiscRecorder2 *iface, BSTR id)
{
    struct recorder *r = recorder_impl(iface);
    struct drive_entry *e;
    struct drive *d;
    mmc_device dev;
    mmc_inquiry inq;
    HRESULT hr;

    TRACE("(%p)->(%s)\n", iface, debugstr_w(id));
    if (!id || !id[0]) return E_INVALIDARG;
    if (FAILED(hr = drives_find(id, &e))) return hr;
    if (FAILED(hr = drive_open(e, &d)))
    {
        drives_free(e, 1);
        return hr;
    }
    mmc_dev_init(&dev, d->transport);
    memset(&inq, 0, sizeof(inq));
    if (FAILED(hr = mmc_dev_inquiry(&dev, &inq)) || inq.peripheral_type != 5)
    {
        WARN("%s: INQUIRY %#lx, peripheral type %u\n", debugstr_w(id), hr, inq.peripheral_type);
        drive_close(d);
        drives_free(e, 1);
        return FAILED(hr) ? hr : E_FAIL;   /* not an MMC (type 5) device */
    }
    EnterCriticalSection(&r->cs);
    recorder_detach(r);
    r->entry = e;
    r->drive = d;
    r->dev = dev;
    r->inq = inq;
    LeaveCriticalSection(&r->cs);
    return S_OK;
}

static HRESULT WINAPI recorder_get_ActiveDiscRecorder(IDiscRecorder2 *iface, BSTR *value)
{
    struct recorder *r = recorder_impl(iface);
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = NULL;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    return imapi_return_bstr(r->entry->id, value);
}

static HRESULT inquiry_string(IDiscRecorder2 *iface, int which, BSTR *value)
{
    struct recorder *r = recorder_impl(iface);
    WCHAR buf[20];
    if (!value) return E_POINTER;
    *value = NULL;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    return imapi_return_bstr(wide_from_ascii(which == 0 ? r->inq.vendor : which == 1 ? r->inq.product : r->inq.revision,
                                             buf, ARRAY_SIZE(buf)), value);
}

static HRESULT WINAPI recorder_get_VendorId(IDiscRecorder2 *iface, BSTR *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return inquiry_string(iface, 0, value);
}

static HRESULT WINAPI recorder_get_ProductId(IDiscRecorder2 *iface, BSTR *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return inquiry_string(iface, 1, value);
}

static HRESULT WINAPI recorder_get_ProductRevision(IDiscRecorder2 *iface, BSTR *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return inquiry_string(iface, 2, value);
}

static HRESULT WINAPI recorder_get_VolumeName(IDiscRecorder2 *iface, BSTR *value)
{
    struct recorder *r = recorder_impl(iface);
    WCHAR root[] = L"A:\\", name[MAX_PATH] = { 0 };
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = NULL;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    if (r->entry->letter)
    {
        root[0] = r->entry->letter;
        if (!GetVolumeNameForVolumeMountPointW(root, name, ARRAY_SIZE(name))) name[0] = 0;
    }
    return imapi_return_bstr(name, value);
}

static HRESULT WINAPI recorder_get_VolumePathNames(IDiscRecorder2 *iface, SAFEARRAY **value)
{
    struct recorder *r = recorder_impl(iface);
    WCHAR root[] = L"A:\\";
    const WCHAR *names[1] = { root };
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = NULL;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    root[0] = r->entry->letter;
    return imapi_safearray_from_strings(names, r->entry->letter ? 1 : 0, value);
}

static HRESULT WINAPI recorder_get_DeviceCanLoadMedia(IDiscRecorder2 *iface, VARIANT_BOOL *value)
{
    struct recorder *r = recorder_impl(iface);
    BOOL loads;
    HRESULT hr;
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    hr = can_load(r, &loads);
    LeaveCriticalSection(&r->cs);
    if (SUCCEEDED(hr)) *value = loads ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

static HRESULT WINAPI recorder_get_LegacyDeviceNumber(IDiscRecorder2 *iface, LONG *value)
{
    struct recorder *r = recorder_impl(iface);
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    *value = r->entry->legacy_number;
    return S_OK;
}

static HRESULT longs_from_u16(const uint16_t *v, size_t n, SAFEARRAY **out)
{
    LONG *l = calloc(n ? n : 1, sizeof(*l));
    size_t i;
    HRESULT hr;
    if (!l) return E_OUTOFMEMORY;
    for (i = 0; i < n; i++) l[i] = v[i];
    hr = imapi_safearray_from_longs(l, (unsigned)n, out);
    free(l);
    return hr;
}

/* Feature codes and profiles come the same way: a list of 16-bit codes from GET CONFIGURATION. */
typedef int32_t (*code_list_fn)(mmc_device *dev, int current, uint16_t **codes, size_t *n);

/* One GET CONFIGURATION code query under the recorder's lock. */
static HRESULT query_codes(struct recorder *r, code_list_fn query, int current, uint16_t **codes, size_t *n)
{
    HRESULT hr;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    hr = query(&r->dev, current, codes, n);
    LeaveCriticalSection(&r->cs);
    return hr;
}

static HRESULT code_list(struct recorder *r, code_list_fn query, int current, SAFEARRAY **value)
{
    uint16_t *codes = NULL;
    size_t n = 0;
    HRESULT hr;
    if (!value) return E_POINTER;
    *value = NULL;
    hr = query_codes(r, query, current, &codes, &n);
    if (SUCCEEDED(hr)) hr = longs_from_u16(codes, n, value);
    free(codes);
    return hr;
}

static HRESULT feature_list(struct recorder *r, int current, SAFEARRAY **value)
{
    return code_list(r, mmc_dev_get_supported_features, current, value);
}

static HRESULT profile_list(struct recorder *r, int current, SAFEARRAY **value)
{
    return code_list(r, mmc_dev_get_profiles, current, value);
}

static HRESULT WINAPI recorder_get_SupportedFeaturePages(IDiscRecorder2 *iface, SAFEARRAY **value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return feature_list(recorder_impl(iface), 0, value);
}

static HRESULT WINAPI recorder_get_CurrentFeaturePages(IDiscRecorder2 *iface, SAFEARRAY **value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return feature_list(recorder_impl(iface), 1, value);
}

static HRESULT WINAPI recorder_get_SupportedProfiles(IDiscRecorder2 *iface, SAFEARRAY **value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return profile_list(recorder_impl(iface), 0, value);
}

static HRESULT WINAPI recorder_get_CurrentProfiles(IDiscRecorder2 *iface, SAFEARRAY **value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return profile_list(recorder_impl(iface), 1, value);
}

static HRESULT WINAPI recorder_get_SupportedModePages(IDiscRecorder2 *iface, SAFEARRAY **value)
{
    struct recorder *r = recorder_impl(iface);
    uint8_t *codes = NULL;
    size_t n = 0, i;
    LONG *l;
    HRESULT hr;
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = NULL;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    hr = mmc_dev_get_mode_page_list(&r->dev, MMC_PC_CURRENT, &codes, &n);
    LeaveCriticalSection(&r->cs);
    if (SUCCEEDED(hr))
    {
        if ((l = calloc(n ? n : 1, sizeof(*l))))
        {
            for (i = 0; i < n; i++) l[i] = codes[i];
            hr = imapi_safearray_from_longs(l, (unsigned)n, value);
            free(l);
        }
        else hr = E_OUTOFMEMORY;
    }
    free(codes);
    return hr;
}

static HRESULT WINAPI recorder_get_ExclusiveAccessOwner(IDiscRecorder2 *iface, BSTR *value)
{
    struct recorder *r = recorder_impl(iface);
    WCHAR *owner;
    HRESULT hr;
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = NULL;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    if (FAILED(hr = drive_exclusive_owner(r->drive, &owner))) return hr;
    hr = imapi_return_bstr(owner, value);
    CoTaskMemFree(owner);
    return hr;
}

static const IDiscRecorder2Vtbl recorder_vtbl =
{
    recorder_QueryInterface, recorder_AddRef, recorder_Release, recorder_GetTypeInfoCount,
    recorder_GetTypeInfo, recorder_GetIDsOfNames, recorder_Invoke, recorder_EjectMedia, recorder_CloseTray,
    recorder_AcquireExclusiveAccess, recorder_ReleaseExclusiveAccess, recorder_DisableMcn, recorder_EnableMcn,
    recorder_InitializeDiscRecorder, recorder_get_ActiveDiscRecorder, recorder_get_VendorId,
    recorder_get_ProductId, recorder_get_ProductRevision, recorder_get_VolumeName,
    recorder_get_VolumePathNames, recorder_get_DeviceCanLoadMedia, recorder_get_LegacyDeviceNumber,
    recorder_get_SupportedFeaturePages, recorder_get_CurrentFeaturePages, recorder_get_SupportedProfiles,
    recorder_get_CurrentProfiles, recorder_get_SupportedModePages, recorder_get_ExclusiveAccessOwner
};

IMAPI_IUNKNOWN_METHODS(recorder_disc_recorder2_ex, IDiscRecorder2Ex, struct recorder, IDiscRecorder2Ex_iface)

/* ---- IDiscRecorder2Ex ---- */

static struct recorder *ex_impl(IDiscRecorder2Ex *iface)
{
    return CONTAINING_RECORD(iface, struct recorder, IDiscRecorder2Ex_iface);
}

/* Copies a malloc'd core buffer into CoTaskMem memory for the caller. */
static HRESULT return_bytes(HRESULT hr, uint8_t *data, size_t len, BYTE **out, ULONG *out_len)
{
    if (SUCCEEDED(hr))
    {
        if (len > 0xFFFFFFFFu) hr = E_FAIL;
        else if (!(*out = CoTaskMemAlloc(len ? len : 1))) hr = E_OUTOFMEMORY;
        else
        {
            if (len) memcpy(*out, data, len);
            *out_len = (ULONG)len;
        }
    }
    free(data);
    return hr;
}

static HRESULT send_command(struct recorder *r, BYTE *cdb, ULONG cdb_size, BYTE *sense, ULONG timeout,
                            enum mmc_dir dir, BYTE *buf, ULONG size, ULONG *fetched)
{
    size_t done = 0;
    HRESULT hr;
    if (!cdb || !sense) return E_POINTER;
    if (dir != MMC_DIR_NONE && !buf) return E_POINTER;
    if (dir == MMC_DIR_IN && !fetched) return E_POINTER;
    if (fetched) *fetched = 0;
    if (dir != MMC_DIR_NONE && !size) return E_INVALIDARG;
    if (!mmc_cdb_size_valid(cdb, cdb_size)) return E_INVALIDARG;   /* spec 2.3 CDB size rule */
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    hr = mmc_dev_passthrough(&r->dev, cdb, cdb_size, dir, buf, dir == MMC_DIR_NONE ? 0 : size, timeout, sense, &done);
    LeaveCriticalSection(&r->cs);
    if (fetched) *fetched = (ULONG)min(done, (size_t)size);
    return hr;
}

static HRESULT WINAPI recorder_disc_recorder2_ex_SendCommandNoData(IDiscRecorder2Ex *iface, BYTE *cdb, ULONG cdb_size,
                                                                   BYTE sense[18], ULONG timeout)
{
    TRACE("(%p)->(%p %lu %p %lu)\n", iface, cdb, cdb_size, sense, timeout);
    return send_command(ex_impl(iface), cdb, cdb_size, sense, timeout, MMC_DIR_NONE, NULL, 0, NULL);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_SendCommandSendDataToDevice(IDiscRecorder2Ex *iface, BYTE *cdb,
        ULONG cdb_size, BYTE sense[18], ULONG timeout, BYTE *buffer, ULONG_IMAPI2_NONZERO size)
{
    TRACE("(%p)->(%p %lu %p %lu %p %lu)\n", iface, cdb, cdb_size, sense, timeout, buffer, size);
    return send_command(ex_impl(iface), cdb, cdb_size, sense, timeout, MMC_DIR_OUT, buffer, size, NULL);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_SendCommandGetDataFromDevice(IDiscRecorder2Ex *iface, BYTE *cdb,
        ULONG cdb_size, BYTE sense[18], ULONG timeout, BYTE *buffer, ULONG_IMAPI2_NONZERO size,
        ULONG_IMAPI2_NOT_NEGATIVE *fetched)
{
    TRACE("(%p)->(%p %lu %p %lu %p %lu %p)\n", iface, cdb, cdb_size, sense, timeout, buffer, size, fetched);
    return send_command(ex_impl(iface), cdb, cdb_size, sense, timeout, MMC_DIR_IN, buffer, size, fetched);
}

/* DVD structures go out with media type DVD (00h) as IMAPI's name says; the header of the
 * response is stripped / the header of the parameter list prepended by the core. */
static HRESULT WINAPI recorder_disc_recorder2_ex_ReadDvdStructure(IDiscRecorder2Ex *iface, ULONG format, ULONG address,
        ULONG layer, ULONG agid, BYTE **data, ULONG_IMAPI2_DVD_STRUCTURE *count)
{
    struct recorder *r = ex_impl(iface);
    uint8_t *buf = NULL;
    size_t len = 0;
    HRESULT hr;
    TRACE("(%p)->(%#lx %#lx %lu %lu %p %p)\n", iface, format, address, layer, agid, data, count);
    if (!data || !count) return E_POINTER;
    *data = NULL;
    *count = 0;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    hr = mmc_dev_read_disc_structure(&r->dev, MMC_STRUCTURE_MEDIA_DVD, (uint8_t)format, address, (uint8_t)layer,
                                     (uint8_t)agid, &buf, &len);
    LeaveCriticalSection(&r->cs);
    return return_bytes(hr, buf, len, data, count);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_SendDvdStructure(IDiscRecorder2Ex *iface, ULONG format, BYTE *data,
                                                                  ULONG_IMAPI2_DVD_STRUCTURE count)
{
    struct recorder *r = ex_impl(iface);
    HRESULT hr;
    TRACE("(%p)->(%#lx %p %lu)\n", iface, format, data, count);
    if (!data) return E_POINTER;
    if (count > 0xFFFF - 4) return E_INVALIDARG;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    hr = mmc_dev_send_disc_structure(&r->dev, MMC_STRUCTURE_MEDIA_DVD, (uint8_t)format, data, count);
    LeaveCriticalSection(&r->cs);
    return hr;
}

static HRESULT copy_descriptor(struct recorder *r, BOOL adapter, BYTE **data, ULONG *size)
{
    const BYTE *src;
    ULONG len;
    if (!data || !size) return E_POINTER;
    *data = NULL;
    *size = 0;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    src = adapter ? r->drive->adapter_desc : r->drive->device_desc;
    len = adapter ? r->drive->adapter_desc_len : r->drive->device_desc_len;
    if (!src) return E_FAIL;
    if (!(*data = CoTaskMemAlloc(len))) return E_OUTOFMEMORY;
    memcpy(*data, src, len);
    *size = len;
    return S_OK;
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetAdapterDescriptor(IDiscRecorder2Ex *iface, BYTE **data,
                                                                      ULONG_IMAPI2_ADAPTER_DESCRIPTOR *size)
{
    TRACE("(%p)->(%p %p)\n", iface, data, size);
    return copy_descriptor(ex_impl(iface), TRUE, data, size);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetDeviceDescriptor(IDiscRecorder2Ex *iface, BYTE **data,
                                                                     ULONG_IMAPI2_DEVICE_DESCRIPTOR *size)
{
    TRACE("(%p)->(%p %p)\n", iface, data, size);
    return copy_descriptor(ex_impl(iface), FALSE, data, size);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetDiscInformation(IDiscRecorder2Ex *iface, BYTE **info,
                                                                    ULONG_IMAPI2_DISC_INFORMATION *size)
{
    struct recorder *r = ex_impl(iface);
    mmc_disc_info di;
    uint8_t *raw = NULL;
    size_t len = 0;
    HRESULT hr;
    TRACE("(%p)->(%p %p)\n", iface, info, size);
    if (!info || !size) return E_POINTER;
    *info = NULL;
    *size = 0;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    hr = mmc_dev_disc_info(&r->dev, &di, &raw, &len);
    LeaveCriticalSection(&r->cs);
    return return_bytes(hr, raw, len, info, size);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetTrackInformation(IDiscRecorder2Ex *iface, ULONG address,
        IMAPI_READ_TRACK_ADDRESS_TYPE type, BYTE **info, ULONG_IMAPI2_TRACK_INFORMATION *size)
{
    struct recorder *r = ex_impl(iface);
    mmc_track_info ti;
    uint8_t *raw = NULL;
    size_t len = 0;
    HRESULT hr;
    TRACE("(%p)->(%lu %d %p %p)\n", iface, address, type, info, size);
    if (!info || !size) return E_POINTER;
    *info = NULL;
    *size = 0;
    if ((unsigned)type > IMAPI_READ_TRACK_ADDRESS_TYPE_SESSION) return E_INVALIDARG;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    hr = mmc_dev_track_info(&r->dev, (enum mmc_track_addr_type)type, address, &ti, &raw, &len);
    LeaveCriticalSection(&r->cs);
    return return_bytes(hr, raw, len, info, size);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetFeaturePage(IDiscRecorder2Ex *iface, IMAPI_FEATURE_PAGE_TYPE feature,
        BOOLEAN current_only, BYTE **data, ULONG_IMAPI2_FEATURE_PAGE *size)
{
    struct recorder *r = ex_impl(iface);
    uint8_t *desc = NULL;
    size_t len = 0;
    HRESULT hr;
    TRACE("(%p)->(%#x %d %p %p)\n", iface, feature, current_only, data, size);
    if (!data || !size) return E_POINTER;
    *data = NULL;
    *size = 0;
    if ((unsigned)feature > 0xFFFF) return E_INVALIDARG;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    hr = mmc_dev_get_feature(&r->dev, (uint16_t)feature, current_only != 0, &desc, &len);
    LeaveCriticalSection(&r->cs);
    return return_bytes(hr, desc, len, data, size);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetModePage(IDiscRecorder2Ex *iface, IMAPI_MODE_PAGE_TYPE page,
        IMAPI_MODE_PAGE_REQUEST_TYPE type, BYTE **data, ULONG_IMAPI2_MODE_PAGE *size)
{
    struct recorder *r = ex_impl(iface);
    uint8_t *buf = NULL;
    size_t len = 0;
    HRESULT hr;
    TRACE("(%p)->(%#x %d %p %p)\n", iface, page, type, data, size);
    if (!data || !size) return E_POINTER;
    *data = NULL;
    *size = 0;
    if ((unsigned)type > IMAPI_MODE_PAGE_REQUEST_TYPE_SAVED_VALUES || (unsigned)page > 0x3F) return E_INVALIDARG;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    hr = mmc_dev_get_mode_page(&r->dev, (uint8_t)page, (enum mmc_mode_page_control)type, &buf, &len);
    LeaveCriticalSection(&r->cs);
    return return_bytes(hr, buf, len, data, size);
}

/* MODE SELECT of one page as GetModePage returns it: CURRENT_VALUES sets it, SAVED_VALUES
 * also saves it (SP); changeable and default values cannot be set: E_INVALIDARG. */
static HRESULT WINAPI recorder_disc_recorder2_ex_SetModePage(IDiscRecorder2Ex *iface, IMAPI_MODE_PAGE_REQUEST_TYPE type,
                                                             BYTE *data, ULONG_IMAPI2_MODE_PAGE size)
{
    struct recorder *r = ex_impl(iface);
    HRESULT hr;
    TRACE("(%p)->(%d %p %lu)\n", iface, type, data, size);
    if (!data) return E_POINTER;
    if (type != IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES && type != IMAPI_MODE_PAGE_REQUEST_TYPE_SAVED_VALUES)
        return E_INVALIDARG;
    if (size < 2 || size > 0xFFFF - 8) return E_INVALIDARG;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    hr = mmc_dev_set_mode_page(&r->dev, data, size, type == IMAPI_MODE_PAGE_REQUEST_TYPE_SAVED_VALUES);
    LeaveCriticalSection(&r->cs);
    return hr;
}

static HRESULT return_enums_u16(HRESULT hr, uint16_t *v, size_t n, int **out, ULONG *count)
{
    size_t i;
    if (SUCCEEDED(hr))
    {
        if (!(*out = CoTaskMemAlloc((n ? n : 1) * sizeof(int)))) hr = E_OUTOFMEMORY;
        else
        {
            for (i = 0; i < n; i++) (*out)[i] = v[i];
            *count = (ULONG)n;
        }
    }
    free(v);
    return hr;
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetSupportedFeaturePages(IDiscRecorder2Ex *iface, BOOLEAN current_only,
        IMAPI_FEATURE_PAGE_TYPE **pages, ULONG_IMAPI2_ALL_FEATURE_PAGES *count)
{
    struct recorder *r = ex_impl(iface);
    uint16_t *codes = NULL;
    size_t n = 0;
    HRESULT hr;
    TRACE("(%p)->(%d %p %p)\n", iface, current_only, pages, count);
    if (!pages || !count) return E_POINTER;
    *pages = NULL;
    *count = 0;
    hr = query_codes(r, mmc_dev_get_supported_features, current_only != 0, &codes, &n);
    return return_enums_u16(hr, codes, n, (int **)pages, count);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetSupportedProfiles(IDiscRecorder2Ex *iface, BOOLEAN current_only,
        IMAPI_PROFILE_TYPE **profiles, ULONG_IMAPI2_ALL_PROFILES *count)
{
    struct recorder *r = ex_impl(iface);
    uint16_t *codes = NULL;
    size_t n = 0;
    HRESULT hr;
    TRACE("(%p)->(%d %p %p)\n", iface, current_only, profiles, count);
    if (!profiles || !count) return E_POINTER;
    *profiles = NULL;
    *count = 0;
    hr = query_codes(r, mmc_dev_get_profiles, current_only != 0, &codes, &n);
    return return_enums_u16(hr, codes, n, (int **)profiles, count);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetSupportedModePages(IDiscRecorder2Ex *iface,
        IMAPI_MODE_PAGE_REQUEST_TYPE type, IMAPI_MODE_PAGE_TYPE **pages, ULONG_IMAPI2_ALL_MODE_PAGES *count)
{
    struct recorder *r = ex_impl(iface);
    uint8_t *codes = NULL;
    size_t n = 0, i;
    HRESULT hr;
    TRACE("(%p)->(%d %p %p)\n", iface, type, pages, count);
    if (!pages || !count) return E_POINTER;
    *pages = NULL;
    *count = 0;
    if ((unsigned)type > IMAPI_MODE_PAGE_REQUEST_TYPE_SAVED_VALUES) return E_INVALIDARG;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    EnterCriticalSection(&r->cs);
    hr = mmc_dev_get_mode_page_list(&r->dev, (enum mmc_mode_page_control)type, &codes, &n);
    LeaveCriticalSection(&r->cs);
    if (SUCCEEDED(hr))
    {
        if (!(*pages = CoTaskMemAlloc((n ? n : 1) * sizeof(**pages)))) hr = E_OUTOFMEMORY;
        else
        {
            for (i = 0; i < n; i++) (*pages)[i] = codes[i];
            *count = (ULONG)n;
        }
    }
    free(codes);
    return hr;
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetByteAlignmentMask(IDiscRecorder2Ex *iface, ULONG *value)
{
    struct recorder *r = ex_impl(iface);
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    *value = r->drive->alignment_mask + 1;
    return S_OK;
}

/* The adapter's limit, and what its physical pages cover: a buffer that does not start on
 * a page boundary spans one page more than its size needs. */
static HRESULT WINAPI recorder_disc_recorder2_ex_GetMaximumNonPageAlignedTransferSize(IDiscRecorder2Ex *iface, ULONG *value)
{
    struct recorder *r = ex_impl(iface);
    ULONG pages;
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    pages = r->drive->max_pages > 1 ? r->drive->max_pages - 1 : 1;
    *value = min(r->drive->max_transfer, pages * 4096);
    return S_OK;
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetMaximumPageAlignedTransferSize(IDiscRecorder2Ex *iface, ULONG *value)
{
    struct recorder *r = ex_impl(iface);
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    if (!r->drive) return E_IMAPI_RECORDER_REQUIRED;
    *value = min(r->drive->max_transfer, max(r->drive->max_pages, 1) * 4096);
    return S_OK;
}

static const IDiscRecorder2ExVtbl recorder_disc_recorder2_ex_vtbl =
{
    recorder_disc_recorder2_ex_QueryInterface, recorder_disc_recorder2_ex_AddRef,
    recorder_disc_recorder2_ex_Release, recorder_disc_recorder2_ex_SendCommandNoData,
    recorder_disc_recorder2_ex_SendCommandSendDataToDevice,
    recorder_disc_recorder2_ex_SendCommandGetDataFromDevice, recorder_disc_recorder2_ex_ReadDvdStructure,
    recorder_disc_recorder2_ex_SendDvdStructure, recorder_disc_recorder2_ex_GetAdapterDescriptor,
    recorder_disc_recorder2_ex_GetDeviceDescriptor, recorder_disc_recorder2_ex_GetDiscInformation,
    recorder_disc_recorder2_ex_GetTrackInformation, recorder_disc_recorder2_ex_GetFeaturePage,
    recorder_disc_recorder2_ex_GetModePage, recorder_disc_recorder2_ex_SetModePage,
    recorder_disc_recorder2_ex_GetSupportedFeaturePages, recorder_disc_recorder2_ex_GetSupportedProfiles,
    recorder_disc_recorder2_ex_GetSupportedModePages, recorder_disc_recorder2_ex_GetByteAlignmentMask,
    recorder_disc_recorder2_ex_GetMaximumNonPageAlignedTransferSize,
    recorder_disc_recorder2_ex_GetMaximumPageAlignedTransferSize
};

static const struct imapi_iface_entry recorder_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscRecorder2, struct recorder, IDiscRecorder2_iface),
    IMAPI_IFACE(IID_IDiscRecorder2Ex, struct recorder, IDiscRecorder2Ex_iface),
    { NULL }
};

static void recorder_destroy(struct imapi_object *obj)
{
    struct recorder *recorder = CONTAINING_RECORD(obj, struct recorder, obj);
    recorder_detach(recorder);
    DeleteCriticalSection(&recorder->cs);
    free(recorder);
}

HRESULT recorder_create(REFIID riid, void **ppv)
{
    struct recorder *recorder;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(recorder = calloc(1, sizeof(*recorder)))) return E_OUTOFMEMORY;
    recorder->IDiscRecorder2_iface.lpVtbl = &recorder_vtbl;
    recorder->IDiscRecorder2Ex_iface.lpVtbl = &recorder_disc_recorder2_ex_vtbl;
    InitializeCriticalSection(&recorder->cs);
    imapi_object_init(&recorder->obj, recorder_ifaces, TRUE, recorder_destroy);
    return imapi_object_create_done(&recorder->obj, NULL, 0, riid, ppv);
}

/* For the other objects of this DLL (formats, write engine): the device behind an
 * initialized MsftDiscRecorder2, or NULL. */
mmc_device *recorder_device(IDiscRecorder2 *iface)
{
    if (!iface || iface->lpVtbl != &recorder_vtbl) return NULL;
    return recorder_impl(iface)->drive ? &recorder_impl(iface)->dev : NULL;
}

mmc_device *recorder_ex_device(IDiscRecorder2Ex *iface)
{
    if (!iface || iface->lpVtbl != &recorder_disc_recorder2_ex_vtbl) return NULL;
    return ex_impl(iface)->drive ? &ex_impl(iface)->dev : NULL;
}
