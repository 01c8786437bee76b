/* MsftStreamPrng001 (IStreamPseudoRandomBased): a read-only stream of pseudo-random bytes
 * (not for cryptography) whose size the caller sets (spec 2.13). put_Seed sets the seed
 * and seeks to offset 0 [doc]; put/get_ExtendedSeed are E_NOTIMPL: "This interface is
 * currently not implemented" [doc], so Windows answers that too.
 *
 * The generator is [undoc] (Windows' own sequence cannot be reproduced from the docs).
 * Our choice, so tests and clients can predict the bytes: SplitMix64 used as a counter,
 * 64-bit word k of the stream (bytes 8k .. 8k+7, little endian) is
 *     mix(seed + (k + 1) * 0x9E3779B97F4A7C15)
 *     mix(z): z = (z ^ z >> 30) * 0xBF58476D1CE4E5B9; z = (z ^ z >> 27) * 0x94D049BB133111EB;
 *             z ^ z >> 31
 * i.e. the k+1-th output of Vigna's SplitMix64 seeded with the 32-bit seed. Any offset is
 * reached without generating what lies before it, so seeks past 4 GiB cost nothing and
 * the same seed always gives the same bytes at the same offsets, whatever the reads and
 * seeks in between. [undoc] The seed before any put_Seed is 0; a Clone keeps the seed. */

#include "stream_base.h"

#define PRNG_GAMMA 0x9E3779B97F4A7C15ULL

struct stream_prng
{
    struct imapi_object obj;
    IStreamPseudoRandomBased IStreamPseudoRandomBased_iface;
    struct stream_base base;
    ULONG seed;
};

IMAPI_IUNKNOWN_METHODS(stream_prng, IStreamPseudoRandomBased, struct stream_prng, IStreamPseudoRandomBased_iface)
STREAM_BASE_METHODS(stream_prng, IStreamPseudoRandomBased, struct stream_prng, base)

static HRESULT stream_prng_new(ULONG seed, struct stream_prng **out, REFIID riid, void **ppv);

static ULONGLONG prng_word(ULONG seed, ULONGLONG k)
{
    ULONGLONG z = (ULONGLONG)seed + (k + 1) * PRNG_GAMMA;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static HRESULT prng_read_at(struct stream_base *base, ULONGLONG offset, BYTE *buf, ULONG len, ULONG *got)
{
    struct stream_prng *prng = CONTAINING_RECORD(base, struct stream_prng, base);
    ULONGLONG k = offset / 8, w = prng_word(prng->seed, k);
    unsigned int b = offset % 8;
    ULONG i;

    for (i = 0; i < len; i++)
    {
        buf[i] = (BYTE)(w >> (8 * b));
        if (++b == 8)
        {
            b = 0;
            w = prng_word(prng->seed, ++k);
        }
    }
    *got = len;
    return S_OK;
}

static HRESULT prng_clone(struct stream_base *base, struct stream_base **copy, IStream **out)
{
    struct stream_prng *prng = CONTAINING_RECORD(base, struct stream_prng, base), *twin;
    HRESULT hr = stream_prng_new(prng->seed, &twin, &IID_IStream, (void **)out);
    if (SUCCEEDED(hr)) *copy = &twin->base;
    return hr;
}

static const struct stream_base_ops prng_ops = { prng_read_at, prng_clone, TRUE, &CLSID_MsftStreamPrng001 };

static HRESULT WINAPI stream_prng_put_Seed(IStreamPseudoRandomBased *iface, ULONG value)
{
    struct stream_prng *prng = stream_prng_impl(iface);

    TRACE("(%p)->(%lu)\n", iface, (unsigned long)value);
    AcquireSRWLockExclusive(&prng->base.lock);
    prng->seed = value;
    prng->base.pos = 0;
    ReleaseSRWLockExclusive(&prng->base.lock);
    return S_OK;
}

static HRESULT WINAPI stream_prng_get_Seed(IStreamPseudoRandomBased *iface, ULONG *value)
{
    struct stream_prng *prng = stream_prng_impl(iface);

    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    AcquireSRWLockShared(&prng->base.lock);
    *value = prng->seed;
    ReleaseSRWLockShared(&prng->base.lock);
    return S_OK;
}

/* [doc] "This interface is currently not implemented": E_NOTIMPL is Windows' answer. */
static HRESULT WINAPI stream_prng_put_ExtendedSeed(IStreamPseudoRandomBased *iface, ULONG *values, ULONG eCount)
{
    TRACE("(%p)->(%p %lu)\n", iface, values, (unsigned long)eCount);
    /* Documented as not implemented; a FIXME still tells the client's log why it failed. */
    FIXME("ExtendedSeed is not implemented (nor by Windows)\n");
    return E_NOTIMPL;
}

static HRESULT WINAPI stream_prng_get_ExtendedSeed(IStreamPseudoRandomBased *iface, ULONG **values, ULONG *eCount)
{
    TRACE("(%p)->(%p %p)\n", iface, values, eCount);
    FIXME("ExtendedSeed is not implemented (nor by Windows)\n");
    return E_NOTIMPL;
}

static const IStreamPseudoRandomBasedVtbl stream_prng_vtbl =
{
    stream_prng_QueryInterface, stream_prng_AddRef, stream_prng_Release, stream_prng_Read, stream_prng_Write,
    stream_prng_Seek, stream_prng_SetSize, stream_prng_CopyTo, stream_prng_Commit, stream_prng_Revert,
    stream_prng_LockRegion, stream_prng_UnlockRegion, stream_prng_Stat, stream_prng_Clone,
    stream_prng_put_Seed, stream_prng_get_Seed, stream_prng_put_ExtendedSeed, stream_prng_get_ExtendedSeed
};

static const struct imapi_iface_entry stream_prng_ifaces[] =
{
    IMAPI_IFACE(IID_IStreamPseudoRandomBased, struct stream_prng, IStreamPseudoRandomBased_iface),
    IMAPI_IFACE(IID_IStream, struct stream_prng, IStreamPseudoRandomBased_iface),
    IMAPI_IFACE(IID_ISequentialStream, struct stream_prng, IStreamPseudoRandomBased_iface),
    { NULL }
};

static void stream_prng_destroy(struct imapi_object *obj)
{
    struct stream_prng *stream = CONTAINING_RECORD(obj, struct stream_prng, obj);
    free(stream);
}

static HRESULT stream_prng_new(ULONG seed, struct stream_prng **out, REFIID riid, void **ppv)
{
    struct stream_prng *stream;

    if (!(stream = calloc(1, sizeof(*stream)))) return E_OUTOFMEMORY;
    stream->IStreamPseudoRandomBased_iface.lpVtbl = &stream_prng_vtbl;
    stream_base_init(&stream->base, &prng_ops);
    stream->seed = seed;
    imapi_object_init(&stream->obj, stream_prng_ifaces, FALSE, stream_prng_destroy);
    if (out) *out = stream;
    return imapi_object_create_done(&stream->obj, NULL, 0, riid, ppv);
}

HRESULT stream_prng_create(REFIID riid, void **ppv)
{
    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    return stream_prng_new(0, NULL, riid, ppv);
}
