#!/usr/bin/env python3
# Prints the generated part of winetest/badinput.c (the bad_<class> functions and
# bad_all_classes) from the ABI reference: python3 winetest/badinput_gen.py > part.c,
# then replace the functions between the helpers and "IStream of the four stream classes".
# The output was committed as generated, with (void)obj/(void)hr added to the empty ones.
import re, sys
rows=[l.rstrip('\n').split('\t') for l in open(sys.argv[1] if len(sys.argv) > 1 else '/work/shared/reference/imapi2_abi.tsv')][1:]
parent={r[2]:r[4] for r in rows if r[1]=='interface'}
methods={}
for r in rows:
    if r[1]=='method': methods.setdefault(r[2],[]).append(r)
classes=[('imapi2','MsftDiscMaster2',['IDiscMaster2']),
 ('imapi2','MsftDiscRecorder2',['IDiscRecorder2','IDiscRecorder2Ex']),
 ('imapi2','MsftWriteEngine2',['IWriteEngine2']),
 ('imapi2','MsftDiscFormat2Erase',['IDiscFormat2Erase']),
 ('imapi2','MsftDiscFormat2Data',['IDiscFormat2Data','IBurnVerification']),
 ('imapi2','MsftDiscFormat2TrackAtOnce',['IDiscFormat2TrackAtOnce','IBurnVerification']),
 ('imapi2','MsftDiscFormat2RawCD',['IDiscFormat2RawCD']),
 ('imapi2','MsftStreamZero',[]),
 ('imapi2','MsftStreamPrng001',['IStreamPseudoRandomBased']),
 ('imapi2','MsftStreamConcatenate',['IStreamConcatenate']),
 ('imapi2','MsftStreamInterleave',['IStreamInterleave']),
 ('imapi2','MsftRawCDImageCreator',['IRawCDImageCreator']),
 ('imapi2fs','BootOptions',['IBootOptions']),
 ('imapi2fs','MsftFileSystemImage',['IFileSystemImage3']),
 ('imapi2fs','MsftIsoImageManager',['IIsoImageManager'])]
def chain(i):
    out=[]
    while i and i not in ('IDispatch','IUnknown','IStream'):
        out.insert(0,i); i=parent.get(i)
    return out
ENUMS=set(r[2] for r in rows if r[1]=='enum')
def parse(ps):
    res=[]
    if not ps.strip(): return res
    for p in ps.split('; '):
        m=re.match(r'\[([^\]]*)\] *(.*?) ?([A-Za-z_0-9]+)(\[18\])?$',p)
        attrs,typ,name,arr=m.groups()
        typ=typ.strip()
        if not typ: typ,name=name,'name'
        if arr: typ=typ+'*'
        res.append(dict(attrs=attrs,typ=typ,name=name,out='out' in attrs))
    return res
def sizeparams(params):
    s=set()
    for p in params:
        for m in re.finditer(r'size_is\(,?\*?([A-Za-z_]+)\)',p['attrs']): s.add(m.group(1))
        for m in re.finditer(r'length_is\(\*?([A-Za-z_]+)\)',p['attrs']): s.add(m.group(1))
    return s
def good(p):
    t=p['typ']
    if p['out'] or t.endswith('*') and t not in ('BSTR',):
        if t.startswith('SAFEARRAY(VARIANT)') and not p['out']: return 'NULL'
        if t in ('IStream*','IDiscRecorder2*','IDiscRecorder2Ex*','IFsiItem*','IBootOptions*') and not p['out']: return 'NULL'
        if t=='BYTE*' and not p['out']: return 'bi_buf'
        return '(void *)bi_out()'
    if t=='BSTR': return 'bi_name'
    if t=='VARIANT': return 'bi_vempty'
    if t in ('DATE',): return '0.0'
    if t=='SAFEARRAY(VARIANT)': return 'NULL'
    if t=='VARIANT_BOOL': return 'VARIANT_FALSE'
    if t=='BOOLEAN': return '0'
    return '0'
out=[]
cases=0
def call(iface,m,args):
    return '%s_%s(obj, %s)'%(iface,m[7],', '.join(args)) if args else '%s_%s(obj)'%(iface,m[7])
for lib,cls,ifs in classes:
    seen=set()
    fname='bad_%s'%cls
    body=[]
    for top in ifs:
        for iface in chain(top):
            if iface in seen: continue
            seen.add(iface)
            for m in methods.get(iface,[]):
                params=parse(m[10])
                sp=sizeparams(params)
                key='%s::%s'%(iface,m[7])
                goods=[good(p) for p in params]
                calls=[]
                if not params:
                    calls.append(('noargs',[],'none'))
                for i,p in enumerate(params):
                    t=p['typ']
                    if p['out'] and t.endswith('*'):
                        a=list(goods); a[i]='NULL'; calls.append(('NULL '+p['name'],a,'pointer'))
                    elif t=='BSTR':
                        for v,lab in (('NULL','NULL'),('bi_empty','empty'),('bi_long','65536 chars')):
                            a=list(goods); a[i]=v; calls.append(('%s %s'%(p['name'],lab),a,'bstr_'+lab.split()[0]))
                    elif t in ENUMS or t.rstrip('*') in ENUMS and not t.endswith('*'):
                        for v in ('0x7fffffff','-1'):
                            a=list(goods); a[i]='(%s)%s'%(t,v); calls.append(('%s %s'%(p['name'],v),a,'enum'))
                    elif t in ('LONG','ULONG','long','BYTE','ULONG_IMAPI2_NONZERO','ULONG_IMAPI2_DVD_STRUCTURE','ULONG_IMAPI2_MODE_PAGE') and p['name'] not in sp:
                        for v in ('-1','0x7fffffff') if t!='BYTE' else ('0xff',):
                            a=list(goods); a[i]='(%s)%s'%(t,v); calls.append(('%s %s'%(p['name'],v),a,'number'))
                    elif t in ('IStream*','IDiscRecorder2*','IDiscRecorder2Ex*','IFsiItem*','IBootOptions*','SAFEARRAY(VARIANT)'):
                        a=list(goods); a[i]='NULL'; calls.append(('NULL '+p['name'],a,'inptr'))
                    elif t=='VARIANT':
                        a=list(goods); a[i]='bi_vwrong'; calls.append(('%s of a wrong type'%p['name'],a,'variant'))
                    elif t=='DATE':
                        a=list(goods); a[i]='-1e300'; calls.append(('%s -1e300'%p['name'],a,'number'))
                    elif t=='VARIANT_BOOL':
                        a=list(goods); a[i]='(VARIANT_BOOL)0x1234'; calls.append(('%s 0x1234'%p['name'],a,'number'))
                for lab,a,kind in calls:
                    body.append('    if ((obj = bi_new(&CLSID_%s, &IID_%s))) { hr = %s; bi_check(hr, BI_%s, "%s", "%s"); bi_release(obj); }'%(cls,iface,call(iface,m,a).replace('(obj','((%s *)obj'%iface,1),kind.upper(),key,lab))
                    cases+=1
    out.append('static void %s(void)\n{\n    void *obj;\n    HRESULT hr;\n%s\n}\n'%(fname,'\n'.join(body).replace('    obj = (','    obj = (void *)(').replace(' *)bi_new',' *)bi_new') if False else '\n'.join(body)))
print('\n'.join(out))
print('static void bad_all_classes(void)\n{\n'+''.join('    bad_%s();\n'%c for _,c,_ in classes)+'}')
print('/* %d calls */'%cases, file=sys.stderr)
