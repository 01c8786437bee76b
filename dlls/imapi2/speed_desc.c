/* MsftWriteSpeedDescriptor (IWriteSpeedDescriptor): one write speed the recorder offers
 * for the current medium, as IDiscFormat2Data::SupportedWriteSpeedDescriptors lists them.
 * Read-only; the values are those of the drive's descriptor when the list was made. */
#include "format_objects.h"

struct speed_desc
{
    struct imapi_object obj;
    IWriteSpeedDescriptor IWriteSpeedDescriptor_iface;
    IMAPI_MEDIA_PHYSICAL_TYPE type;
    BOOL pure_cav;
    LONG speed;
};

IMAPI_IUNKNOWN_METHODS(speed_desc, IWriteSpeedDescriptor, struct speed_desc, IWriteSpeedDescriptor_iface)
IMAPI_IDISPATCH_METHODS(speed_desc, IWriteSpeedDescriptor, IID_IWriteSpeedDescriptor)

static HRESULT WINAPI speed_desc_get_MediaType(IWriteSpeedDescriptor *iface, IMAPI_MEDIA_PHYSICAL_TYPE *value)
{
    TRACE("%p %p\n", iface, value);
    if (!value) return E_POINTER;
    *value = speed_desc_impl(iface)->type;
    return S_OK;
}

static HRESULT WINAPI speed_desc_get_RotationTypeIsPureCAV(IWriteSpeedDescriptor *iface, VARIANT_BOOL *value)
{
    TRACE("%p %p\n", iface, value);
    if (!value) return E_POINTER;
    *value = speed_desc_impl(iface)->pure_cav ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI speed_desc_get_WriteSpeed(IWriteSpeedDescriptor *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    if (!value) return E_POINTER;
    *value = speed_desc_impl(iface)->speed;
    return S_OK;
}

static const IWriteSpeedDescriptorVtbl speed_desc_vtbl =
{
    speed_desc_QueryInterface, speed_desc_AddRef, speed_desc_Release, speed_desc_GetTypeInfoCount,
    speed_desc_GetTypeInfo, speed_desc_GetIDsOfNames, speed_desc_Invoke, speed_desc_get_MediaType,
    speed_desc_get_RotationTypeIsPureCAV, speed_desc_get_WriteSpeed
};

static const struct imapi_iface_entry speed_desc_ifaces[] =
{
    IMAPI_IFACE(IID_IWriteSpeedDescriptor, struct speed_desc, IWriteSpeedDescriptor_iface),
    { NULL }
};

static void speed_desc_destroy(struct imapi_object *obj)
{
    free(CONTAINING_RECORD(obj, struct speed_desc, obj));
}

HRESULT speed_desc_create(IMAPI_MEDIA_PHYSICAL_TYPE type, BOOL pure_cav, LONG sectors_per_second, IDispatch **out)
{
    struct speed_desc *desc = calloc(1, sizeof(*desc));

    TRACE("%d %d %ld\n", type, pure_cav, sectors_per_second);
    if (!desc) return E_OUTOFMEMORY;
    desc->IWriteSpeedDescriptor_iface.lpVtbl = &speed_desc_vtbl;
    desc->type = type;
    desc->pure_cav = pure_cav;
    desc->speed = sectors_per_second;
    imapi_object_init(&desc->obj, speed_desc_ifaces, TRUE, speed_desc_destroy);
    *out = (IDispatch *)&desc->IWriteSpeedDescriptor_iface;
    return S_OK;
}
