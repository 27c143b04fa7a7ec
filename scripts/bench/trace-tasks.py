import json,sys,collections
tr=json.load(open(sys.argv[1]))
ev=tr['traceEvents'] if isinstance(tr,dict) else tr
# main thread: thread named CrRendererMain with most RunTask
names={}
for e in ev:
    if e.get('ph')=='M' and e.get('name')=='thread_name': names[(e['pid'],e['tid'])]=e['args']['name']
cnt=collections.Counter((e['pid'],e['tid']) for e in ev if e.get('name')=='RunTask' and names.get((e['pid'],e['tid']))=='CrRendererMain')
main=cnt.most_common(1)[0][0]
# navigation start
nav=min(e['ts'] for e in ev if e.get('name')=='navigationStart' and e['pid']==main[0]) if any(e.get('name')=='navigationStart' for e in ev) else 0
tasks=[e for e in ev if (e['pid'],e['tid'])==main and e.get('name')=='RunTask' and e.get('dur',0)>=float(sys.argv[2] if len(sys.argv)>2 else 12000)]
# cpu profile
nodes={};samples=[];start=None;pid=None
for e in ev:
    if (e.get('pid'),e.get('tid'))==main and e.get('name')=='Profile': start=e['args']['data']['startTime']; pid=e.get('id')
for e in ev:
    if e.get('pid')!=main[0] or e.get('id')!=pid: continue
    if e.get('name')=='ProfileChunk':
        d=e['args']['data']; cp=d.get('cpuProfile',{})
        for n in cp.get('nodes',[]): nodes[n['id']]=n
        ts=d.get('timeDeltas',[])
        for s,dt in zip(cp.get('samples',[]),ts): samples.append((s,dt))
t=start; st=[]
for s,dt in samples:
    t+=dt; st.append((t,s))
def frame(n):
    cf=n['callFrame']; return f"{cf.get('functionName') or '(anon)'} {cf.get('url','').split('/')[-1]}:{cf.get('lineNumber')}"
def stack(nid):
    out=[]
    while nid in nodes:
        n=nodes[nid]; out.append(n); nid=n.get('parent')
    return out
for n in list(nodes.values()):
    if 'parent' in n:
        pass
# set parents
for n in nodes.values():
    for c in n.get('children',[]) or []:
        if c in nodes: nodes[c]['parent']=n['id']
print('main',main,'tasks>=',len(tasks))
marks=[e for e in ev if e['pid']==main[0] and 'blink.user_timing' in e.get('cat','') and e.get('ph') in ('R','I','n','b')]
for m in sorted(marks,key=lambda e:e['ts']): print('  mark',m['name'],round((m['ts']-nav)/1000))
for tk in tasks:
    a,b=tk['ts'],tk['ts']+tk['dur']
    selfc=collections.Counter(); topc=collections.Counter()
    for (ts,s) in st:
        if a<=ts<=b and s in nodes:
            selfc[frame(nodes[s])]+=1
            # first user-land frame from root that has url
            stk=stack(s)[::-1]
            key=' > '.join(frame(n) for n in stk if n['callFrame'].get('url'))[:0]
            urlframes=[frame(n) for n in stk if n['callFrame'].get('url')]
            topc[' > '.join(urlframes[:4])]+=1
    print(f"\nTASK at {round((a-nav)/1000)} ms dur {round(tk['dur']/1000,1)} ms")
    for k,v in selfc.most_common(8): print('   self',v,k)
    for k,v in topc.most_common(4): print('   stack',v,k[:300])

# Summary from thread (CPU) time, which other work on a shared machine inflates less than wall time: every main-thread
# task of the load, the longest, and a blocking time as Lighthouse's mobile simulation counts it (4 x the task, less 50 ms).
alltasks=[e for e in ev if (e['pid'],e['tid'])==main and e.get('name')=='RunTask' and 'tdur' in e]
cpu=[e['tdur']/1000 for e in alltasks]
print(f"\nSUMMARY main-thread CPU {round(sum(cpu))} ms in {len(cpu)} tasks; longest {round(max(cpu),1)} ms; tasks >= 12.5 ms: {sum(1 for c in cpu if c>=12.5)}; 4x-blocking {round(sum(max(0,4*c-50) for c in cpu))} ms")
