#!/usr/bin/env python3
"""Measure the kernels of Llama-shaped decoder blocks on one NVIDIA GPU, in the JSON format that
`hetsim calibrate --measurements FILE` reads (the format of models/hardware/measurements/h200-kernels-llama2.json).

    python3 scripts/measure-kernels.py --model llama-2-13b --model llama-3.1-8b -o h200-kernels.json
    hetsim calibrate --measurements h200-kernels.json -H h200 --check     # score a shipped calibration
    hetsim calibrate --measurements h200-kernels.json -H my-gpu -o models/hardware/my-gpu.yaml

Method (the one the shared H200 file describes, so files from both can be fitted and scored together):
bf16; each op timed with CUDA events over a loop, median of --trials trials, in each of --passes passes over
the whole list ('passes_us': each pass's median; 'us': the fastest pass; 'best_us': the fastest trial). Passes,
because launch-bound kernels switch between a fast and a slow state of the host for seconds at a time (seen on
H200 machines: a 10 us RMSNorm at 16 us in two of three passes); the noise only ever adds time, so the fastest
pass is kept;
the loop cycles through copies of the op's weights or KV cache, >= 512 MiB in all, so that they cannot stay
in the L2 cache, as in real inference. Linears are F.linear(x[M,K], W[N,K]) with M = batch*prompt in prefill
and M = batch in decode; attention_sdpa is F.scaled_dot_product_attention (causal in prefill;
decode = one query token against L cached tokens; GQA through enable_gqa) on the backend PyTorch picks
(--sdpa forces one; each record's note names the kernels that ran); qk_matmul, softmax and
sv_matmul are the unfused path with K/V repeated to all heads; rmsnorm is F.rms_norm; silu_mul is
silu(g)*u as two eager kernels; residual_add is x+y. 'flops' and 'bytes' are ideal operand counts.

Needs PyTorch with CUDA. `--dry-run` lists the kernels it would time (with -o: writes them, untimed, as JSON)
and needs neither.
"""
import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import time

PREFILL = [(1, 128), (1, 1024), (1, 4096), (8, 128), (8, 1024), (8, 4096)]  # (batch, prompt tokens)
DECODE_BATCH = [1, 8, 32, 128]
DECODE_CTX = [128, 1024, 4096]
# The unfused prefill path materialises B*H*S*S scores; the shared file stops at 4 GiB of them (B 8, S 4096 is out).
MAX_SCORE_BYTES = 4 << 30
CYCLE_BYTES = 512 << 20
LINEARS = ['q_proj', 'k_proj', 'v_proj', 'out_proj', 'gate_proj', 'up_proj', 'down_proj']
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_preset(preset_id):
    """The few top-level scalars of models/llm/<id>.yaml this script needs (no YAML package required)."""
    path = preset_id if preset_id.endswith('.yaml') else os.path.join(REPO, 'models', 'llm', preset_id + '.yaml')
    if not os.path.exists(path):
        raise ValueError(f"--model: no preset '{preset_id}' ({path} not found); give an id from models/llm/ or NAME=hidden,ffn,heads,kv_heads")
    fields = {}
    with open(path, encoding='utf8') as f:
        for line in f:
            m = re.match(r'^([a-z_]+):\s*([^#]*)', line)
            if m:
                fields[m.group(1)] = m.group(2).strip()
    for key in ('hidden', 'intermediate', 'heads'):
        if key not in fields:
            raise ValueError(f"--model: preset {path} has no '{key}'")
    hidden, heads = int(fields['hidden']), int(fields['heads'])
    aliases = re.findall(r'[\w.-]+/([\w.-]+)', fields.get('aliases', ''))
    name = re.sub(r'-hf$', '', aliases[0]) if aliases else preset_id
    return name, {
        'hidden': hidden,
        'ffn': int(fields['intermediate']),
        'heads': heads,
        'kv_heads': int(fields.get('kv_heads', heads)),
        'head_dim': int(fields.get('head_dim', hidden // heads)),
        'layers': int(fields.get('layers', 0)) or None,
    }


def parse_model(arg):
    """`preset-id`, `preset-id=Name`, or `Name=hidden,ffn,heads,kv_heads[,layers]`; ValueError if neither."""
    m = re.fullmatch(r'([\w.-]+)=(\d+),(\d+),(\d+),(\d+)(?:,(\d+))?', arg)
    if m:
        hidden, ffn, heads, kv = (int(m.group(i)) for i in range(2, 6))
        if hidden % heads or heads % kv:
            raise ValueError(f'--model {arg}: heads must divide hidden and kv_heads must divide heads')
        layers = int(m.group(6)) if m.group(6) else None
        return m.group(1), {'hidden': hidden, 'ffn': ffn, 'heads': heads, 'kv_heads': kv, 'head_dim': hidden // heads, 'layers': layers}
    preset, _, rename = arg.partition('=')
    name, shape = read_preset(preset)
    return (rename or name), shape


def plan(name, s):
    """Every kernel of one model's measurement grid, as records without timings."""
    h, ffn, H, kv, d = s['hidden'], s['ffn'], s['heads'], s['kv_heads'], s['head_dim']
    kv_width = kv * d
    linear_shapes = {'q_proj': (h, H * d), 'k_proj': (h, kv_width), 'v_proj': (h, kv_width), 'out_proj': (H * d, h),
                     'gate_proj': (h, ffn), 'up_proj': (h, ffn), 'down_proj': (ffn, h)}
    out = []
    for stage, ms in (('prefill', sorted({b * p for b, p in PREFILL})), ('decode', DECODE_BATCH)):
        for M in ms:
            for op in LINEARS:
                K, N = linear_shapes[op]
                out.append({'model': name, 'stage': stage, 'op': op, 'M': M, 'K': K, 'N': N, 'dtype': 'bf16',
                            'flops': 2 * M * K * N, 'bytes': 2 * (M * K + K * N + M * N)})
            out.append({'model': name, 'stage': stage, 'op': 'rmsnorm', 'M': M, 'N': h, 'bytes': 2 * 2 * M * h})
            out.append({'model': name, 'stage': stage, 'op': 'residual_add', 'M': M, 'N': h, 'bytes': 3 * 2 * M * h})
            out.append({'model': name, 'stage': stage, 'op': 'silu_mul', 'M': M, 'N': ffn, 'bytes': 3 * 2 * M * ffn,
                        'note': 'two kernels (silu, mul) in eager'})
    attn = [('prefill', b, p, p) for b, p in PREFILL] + [('decode', b, 1, L) for b in DECODE_BATCH for L in DECODE_CTX]
    for stage, B, S, L in attn:
        causal = stage == 'prefill'
        pairs = B * H * S * L // (2 if causal else 1)
        io = 2 * (2 * B * H * S * d + 2 * B * kv * L * d)
        out.append({'model': name, 'stage': stage, 'op': 'attention_sdpa', 'B': B, 'S': S, 'L': L, 'heads': H,
                    'kv_heads': kv, 'head_dim': d, 'flops': float(4 * pairs * d), 'bytes': io})
        if 2 * B * H * S * L > MAX_SCORE_BYTES:
            continue
        heads = {'heads': H, 'kv_heads': kv, 'head_dim': d}
        out.append({'model': name, 'stage': stage, 'op': 'qk_matmul', 'B': B, 'S': S, 'L': L, **heads, 'flops': 2 * B * H * S * L * d})
        out.append({'model': name, 'stage': stage, 'op': 'softmax', 'B': B, 'S': S, 'L': L, **heads, 'bytes': 2 * 2 * B * H * S * L})
        out.append({'model': name, 'stage': stage, 'op': 'sv_matmul', 'B': B, 'S': S, 'L': L, **heads, 'flops': 2 * B * H * S * L * d})
    return out


class Timer:
    def __init__(self, torch, trials, min_ms, sdpa='auto'):
        self.torch, self.trials, self.min_ms, self.sdpa = torch, trials, min_ms, sdpa

    def copies(self, make, one_bytes):
        """Enough copies of a tensor (or tuple) that cycling through them streams >= CYCLE_BYTES."""
        return [make() for _ in range(max(1, min(1024, math.ceil(CYCLE_BYTES / max(1, one_bytes)))))]

    def time(self, call, n):
        """call(i) launches the op on copy i % n. Returns (median, fastest) microseconds per call."""
        torch = self.torch
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        for i in range(max(n, 3)):
            call(i)
        torch.cuda.synchronize()
        probe = max(n, 3)
        start.record()
        for i in range(probe):
            call(i)
        end.record()
        end.synchronize()
        per_call_ms = start.elapsed_time(end) / probe
        iters = max(n, math.ceil(self.min_ms / max(per_call_ms, 1e-4)))
        runs = []
        for _ in range(self.trials):
            start.record()
            for i in range(iters):
                call(i)
            end.record()
            end.synchronize()
            runs.append(start.elapsed_time(end) * 1000 / iters)
        return statistics.median(runs), min(runs)


def sdpa_backend(torch, name):
    """PyTorch's own choice ('auto': cuDNN attention on Hopper in 2.11) or one backend forced."""
    import contextlib
    if name == 'auto':
        return contextlib.nullcontext()
    from torch.nn.attention import SDPBackend, sdpa_kernel
    return sdpa_kernel({'flash': SDPBackend.FLASH_ATTENTION, 'cudnn': SDPBackend.CUDNN_ATTENTION,
                        'efficient': SDPBackend.EFFICIENT_ATTENTION, 'math': SDPBackend.MATH}[name])


def name_attention_kernels(torch, records, sdpa):
    """Note on each attention_sdpa record the GPU kernels one call launches (the backend PyTorch picked).
    Runs after all timings: once the profiler has run, its hooks stay and slow every launch by ~2 us,
    which would show in launch-bound kernels (measured: norms and adds 25-30% slower after it)."""
    from torch.profiler import ProfilerActivity, profile
    F = torch.nn.functional
    for rec in records:
        if rec['op'] != 'attention_sdpa':
            continue
        B, S, L, H, kv, d = rec['B'], rec['S'], rec['L'], rec['heads'], rec['kv_heads'], rec['head_dim']
        q, k, v = (torch.randn(B, h, n, d, device='cuda', dtype=torch.bfloat16) for h, n in ((H, S), (kv, L), (kv, L)))
        with sdpa_backend(torch, sdpa), profile(activities=[ProfilerActivity.CUDA]) as prof:
            F.scaled_dot_product_attention(q, k, v, is_causal=rec['stage'] == 'prefill', enable_gqa=kv != H)
            torch.cuda.synchronize()
        names = [e.name[:60] for e in prof.events() if e.device_type == torch.autograd.DeviceType.CUDA]
        rec['note'] = 'kernels: ' + (', '.join(dict.fromkeys(names)) or '?')
        del q, k, v
        torch.cuda.empty_cache()


def measure(rec, shape, timer, torch):
    F = torch.nn.functional
    dev, bf16 = 'cuda', torch.bfloat16
    rnd = lambda *dims: torch.randn(*dims, device=dev, dtype=bf16)
    op = rec['op']
    if op in LINEARS:
        M, K, N = rec['M'], rec['K'], rec['N']
        x = rnd(M, K)
        ws = timer.copies(lambda: rnd(N, K), 2 * N * K)
        return timer.time(lambda i: F.linear(x, ws[i % len(ws)]), len(ws))
    if op == 'rmsnorm':
        x, w = rnd(rec['M'], rec['N']), torch.ones(rec['N'], device=dev, dtype=bf16)
        return timer.time(lambda i: F.rms_norm(x, (rec['N'],), w), 1)
    if op == 'residual_add':
        x, y = rnd(rec['M'], rec['N']), rnd(rec['M'], rec['N'])
        return timer.time(lambda i: x + y, 1)
    if op == 'silu_mul':
        g, u = rnd(rec['M'], rec['N']), rnd(rec['M'], rec['N'])
        return timer.time(lambda i: F.silu(g) * u, 1)
    B, S, L = rec['B'], rec['S'], rec['L']
    H, kv, d = shape['heads'], shape['kv_heads'], shape['head_dim']
    q = rnd(B, H, S, d)
    if op == 'attention_sdpa':
        kvs = timer.copies(lambda: (rnd(B, kv, L, d), rnd(B, kv, L, d)), 2 * 2 * B * kv * L * d)
        causal, gqa = rec['stage'] == 'prefill', kv != H
        call = lambda i: F.scaled_dot_product_attention(q, kvs[i % len(kvs)][0], kvs[i % len(kvs)][1], is_causal=causal, enable_gqa=gqa)
        with sdpa_backend(torch, timer.sdpa):
            return timer.time(call, len(kvs))
    if op == 'softmax':
        scores = rnd(B, H, S, L)
        return timer.time(lambda i: torch.softmax(scores, dim=-1), 1)
    # qk_matmul / sv_matmul: K or V already repeated to all H heads (the unfused GQA path).
    cache = timer.copies(lambda: rnd(B, H, L, d), 2 * B * H * L * d)
    if op == 'qk_matmul':
        return timer.time(lambda i: torch.matmul(q, cache[i % len(cache)].transpose(-1, -2)), len(cache))
    probs = rnd(B, H, S, L)
    return timer.time(lambda i: torch.matmul(probs, cache[i % len(cache)]), len(cache))


def peaks(torch, timer):
    """Microbenchmarks hetsim's fit leans on where kernel timings cannot separate overhead from efficiency."""
    out, n = {}, 8192
    stat = lambda med, best, scale: {'median': scale / med, 'best': scale / best}

    def gemm(name, a, b, mm):
        med, best = timer.time(lambda i: mm(a, b), 1)
        out[name] = stat(med, best, 2 * n ** 3 / 1e6)  # us -> TFLOP/s

    a, b = torch.randn(n, n, device='cuda', dtype=torch.bfloat16), torch.randn(n, n, device='cuda', dtype=torch.bfloat16)
    gemm('gemm_bf16_tflops', a, b, torch.matmul)
    gemm('gemm_fp16_tflops', a.half(), b.half(), torch.matmul)
    torch.backends.cuda.matmul.allow_tf32 = True
    gemm('gemm_tf32_tflops', a.float(), b.float(), torch.matmul)
    torch.backends.cuda.matmul.allow_tf32 = False
    try:
        one = torch.ones((), device='cuda')
        a8, b8 = a.to(torch.float8_e4m3fn), b.to(torch.float8_e4m3fn).t().contiguous().t()
        gemm('gemm_fp8_tflops', a8, b8, lambda x, y: torch._scaled_mm(x, y, one, one, out_dtype=torch.bfloat16))
    except Exception as e:  # not every build/device has fp8 GEMMs
        print(f'  fp8 peak skipped: {e}', file=sys.stderr)
    try:
        ai, bi = torch.randint(-8, 8, (n, n), device='cuda', dtype=torch.int8), torch.randint(-8, 8, (n, n), device='cuda', dtype=torch.int8)
        gemm('gemm_int8_tops', ai, bi.t().contiguous().t(), torch._int_mm)
    except Exception as e:
        print(f'  int8 peak skipped: {e}', file=sys.stderr)
    del a, b
    src = torch.empty(1 << 30, device='cuda', dtype=torch.uint8)
    dst = torch.empty_like(src)
    med, best = timer.time(lambda i: dst.copy_(src), 1)
    out['copy_GBps_rw'] = stat(med, best, 2 * (1 << 30) / 1e3)
    del src, dst
    big = torch.ones(1 << 30, device='cuda', dtype=torch.float16)  # 2 GiB
    med, best = timer.time(lambda i: big.sum(), 1)
    out['read_GBps'] = stat(med, best, 2 * (1 << 30) / 1e3)
    del big
    tiny = torch.ones(1, device='cuda')
    med, best = timer.time(lambda i: tiny + 1, 1)
    out['tiny_kernel_us'] = {'median': med, 'best': best}
    return out


def device_info(torch):
    p = torch.cuda.get_device_properties(0)
    info = {'name': p.name, 'sms': p.multi_processor_count, 'mem_bytes': p.total_memory,
            'l2_bytes': getattr(p, 'L2_cache_size', None), 'torch': torch.__version__, 'cuda': torch.version.cuda}
    try:
        q = 'name,clocks.max.sm,clocks.max.mem,power.limit,driver_version'
        info['nvidia_smi'] = subprocess.run(['nvidia-smi', f'--query-gpu={q}', '--format=csv,noheader'],
                                            capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return info


def model_entry(shape):
    """The file's models table: the shapes hetsim assembles layer sums from."""
    return {k: v for k, v in shape.items() if v is not None and k != 'head_dim'}


def write_atomic(path, doc):
    tmp = f'{path}.tmp{os.getpid()}'
    with open(tmp, 'w', encoding='utf8') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--model', action='append', required=True,
                    help='preset id from models/llm (e.g. llama-2-13b), id=Name, or Name=hidden,ffn,heads,kv_heads[,layers]; repeatable')
    ap.add_argument('-o', '--output', help='JSON file to write (rewritten after each pass); required unless --dry-run')
    ap.add_argument('--trials', type=int, default=5, help='timed loops per kernel (median and fastest are kept)')
    ap.add_argument('--passes', type=int, default=3,
                    help="passes over the whole kernel list; each kernel's 'us' is its fastest pass")
    ap.add_argument('--min-ms', type=float, default=2.0, help='shortest timed loop, milliseconds')
    ap.add_argument('--sdpa', choices=['auto', 'flash', 'cudnn', 'efficient', 'math'], default='auto',
                    help="attention_sdpa backend: PyTorch's own choice (default) or one forced")
    ap.add_argument('--no-peaks', action='store_true', help='skip the GEMM / bandwidth / launch microbenchmarks')
    ap.add_argument('--dry-run', action='store_true', help='list the kernels and exit (no GPU needed)')
    args = ap.parse_args()
    if args.trials < 1 or args.passes < 1 or args.min_ms <= 0:
        ap.error('--trials and --passes must be at least 1, --min-ms positive')
    try:
        models = [parse_model(m) for m in args.model]
    except ValueError as e:  # bad input: argparse's usage line, one message, exit 2
        ap.error(str(e))
    if args.dry_run:
        if args.output:  # the file's skeleton: every kernel without its timing
            write_atomic(args.output, {'models': {n: model_entry(s) for n, s in models}, 'ops': [r for n, s in models for r in plan(n, s)]})
            return
        for name, shape in models:
            recs = plan(name, shape)
            print(f'{name} {shape}: {len(recs)} kernels')
            for r in recs:
                print('  ' + ' '.join(f'{k}={v}' for k, v in r.items() if k not in ('model', 'flops', 'bytes', 'note')))
        return
    if not args.output:
        ap.error('the following arguments are required: -o/--output')
    import torch
    if not torch.cuda.is_available():
        sys.exit('measure-kernels: PyTorch sees no CUDA device')
    t0 = time.time()
    timer = Timer(torch, args.trials, args.min_ms, args.sdpa)
    doc = {'device': device_info(torch), 'description': __doc__.split('\n\n')[2].replace('\n', ' '),
           'measured': {'date': time.strftime('%Y-%m-%d', time.gmtime()), 'command': ' '.join(['measure-kernels.py'] + sys.argv[1:])},
           'models': {}, 'ops': []}
    if not args.no_peaks:
        doc['peaks'] = peaks(torch, Timer(torch, args.trials, 20 * args.min_ms))  # long loops: clocks settle
        print(f"peaks: {json.dumps({k: round(v['median'], 1) for k, v in doc['peaks'].items()})}", flush=True)
    for name, shape in models:
        doc['models'][name] = model_entry(shape)
    todo = [(shape, rec) for name, shape in models for rec in plan(name, shape)]
    runs = [[] for _ in todo]
    for p in range(args.passes):
        for (shape, rec), got in zip(todo, runs):
            try:
                got.append(measure(rec, shape, timer, torch))
            except Exception as e:  # e.g. out of memory on a smaller card: keep the rest, say what is missing
                print(f"  pass {p + 1}: skipped {rec['stage']} {rec['op']} {rec.get('M') or (rec['B'], rec['S'], rec['L'])}: {e}", file=sys.stderr)
            torch.cuda.empty_cache()
        doc['ops'] = [dict(rec, us=min(m for m, _ in got), best_us=min(b for _, b in got),
                           passes_us=[round(m, 3) for m, _ in got]) for (_, rec), got in zip(todo, runs) if got]
        doc['wall_s'] = time.time() - t0
        write_atomic(args.output, doc)
        print(f'pass {p + 1}/{args.passes}: {len(doc["ops"])} kernels, {doc["wall_s"]:.0f} s so far', flush=True)
    name_attention_kernels(torch, doc['ops'], args.sdpa)
    write_atomic(args.output, doc)


if __name__ == '__main__':
    main()
