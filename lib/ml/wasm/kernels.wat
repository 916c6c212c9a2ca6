;; The dense arithmetic behind lib/ml/linalg.ts (EASE's inverse), the ALS fit (lib/ml/recs/als-fit.ts) and
;; k-means (lib/ml/kmeans.ts),
;; over f64 values in this module's memory, two lanes at a time (WebAssembly SIMD, f64x2). Offsets are in
;; bytes and need no alignment; lengths are in values. Item indices are i32 and interaction values f32, as in
;; lib/ml/recs/csr.ts. Edit this file, then run `npm run build:wasm` to regenerate kernels.wasm.ts (a test
;; checks they agree).
(module
  (memory (export "memory") 1)

  ;; Σ a[k] · b[k] for k < len, with four partial sums (two vectors) so the adds do not wait on each other.
  (func $dot (export "dot") (param $a i32) (param $b i32) (param $len i32) (result f64)
    (local $o i32) (local $quad i32) (local $bytes i32) (local $s0 v128) (local $s1 v128) (local $s f64)
    (local.set $bytes (i32.shl (local.get $len) (i32.const 3)))
    (local.set $quad (i32.and (local.get $bytes) (i32.const -32)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $quad)))
        (local.set $s0 (f64x2.add (local.get $s0)
          (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $o))) (v128.load (i32.add (local.get $b) (local.get $o))))))
        (local.set $s1 (f64x2.add (local.get $s1)
          (f64x2.mul (v128.load offset=16 (i32.add (local.get $a) (local.get $o))) (v128.load offset=16 (i32.add (local.get $b) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (br $next)))
    (local.set $s0 (f64x2.add (local.get $s0) (local.get $s1)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
    (block $tail
      (loop $each
        (br_if $tail (i32.ge_u (local.get $o) (local.get $bytes)))
        (local.set $s (f64.add (local.get $s)
          (f64.mul (f64.load (i32.add (local.get $a) (local.get $o))) (f64.load (i32.add (local.get $b) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $each)))
    (local.get $s))

  ;; out[4r + q] = Σ_k x_r[k] · y_q[k] for r < 2, q < 4, k < len, where x_r starts at x + r · stride and y_q at
  ;; y + q · stride (stride in bytes). Each pair of values loaded from a row feeds two or four multiply-adds.
  (func (export "dot2x4") (param $x i32) (param $y i32) (param $stride i32) (param $len i32) (param $out i32)
    (local $x1 i32) (local $y1 i32) (local $y2 i32) (local $y3 i32) (local $o i32) (local $pairs i32)
    (local $u v128) (local $v v128) (local $w v128)
    (local $t00 v128) (local $t01 v128) (local $t02 v128) (local $t03 v128)
    (local $t10 v128) (local $t11 v128) (local $t12 v128) (local $t13 v128)
    (local $lu f64) (local $lv f64) (local $lw f64)
    (local.set $x1 (i32.add (local.get $x) (local.get $stride)))
    (local.set $y1 (i32.add (local.get $y) (local.get $stride)))
    (local.set $y2 (i32.add (local.get $y1) (local.get $stride)))
    (local.set $y3 (i32.add (local.get $y2) (local.get $stride)))
    (local.set $pairs (i32.and (i32.shl (local.get $len) (i32.const 3)) (i32.const -16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $pairs)))
        (local.set $u (v128.load (i32.add (local.get $x) (local.get $o))))
        (local.set $v (v128.load (i32.add (local.get $x1) (local.get $o))))
        (local.set $w (v128.load (i32.add (local.get $y) (local.get $o))))
        (local.set $t00 (f64x2.add (local.get $t00) (f64x2.mul (local.get $u) (local.get $w))))
        (local.set $t10 (f64x2.add (local.get $t10) (f64x2.mul (local.get $v) (local.get $w))))
        (local.set $w (v128.load (i32.add (local.get $y1) (local.get $o))))
        (local.set $t01 (f64x2.add (local.get $t01) (f64x2.mul (local.get $u) (local.get $w))))
        (local.set $t11 (f64x2.add (local.get $t11) (f64x2.mul (local.get $v) (local.get $w))))
        (local.set $w (v128.load (i32.add (local.get $y2) (local.get $o))))
        (local.set $t02 (f64x2.add (local.get $t02) (f64x2.mul (local.get $u) (local.get $w))))
        (local.set $t12 (f64x2.add (local.get $t12) (f64x2.mul (local.get $v) (local.get $w))))
        (local.set $w (v128.load (i32.add (local.get $y3) (local.get $o))))
        (local.set $t03 (f64x2.add (local.get $t03) (f64x2.mul (local.get $u) (local.get $w))))
        (local.set $t13 (f64x2.add (local.get $t13) (f64x2.mul (local.get $v) (local.get $w))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))
    ;; An odd length leaves one value per row: fold it into lane 0.
    (if (i32.and (local.get $len) (i32.const 1))
      (then
        (local.set $lu (f64.load (i32.add (local.get $x) (local.get $o))))
        (local.set $lv (f64.load (i32.add (local.get $x1) (local.get $o))))
        (local.set $u (f64x2.replace_lane 0 (f64x2.splat (f64.const 0)) (local.get $lu)))
        (local.set $v (f64x2.replace_lane 0 (f64x2.splat (f64.const 0)) (local.get $lv)))
        (local.set $w (f64x2.splat (f64.load (i32.add (local.get $y) (local.get $o)))))
        (local.set $t00 (f64x2.add (local.get $t00) (f64x2.mul (local.get $u) (local.get $w))))
        (local.set $t10 (f64x2.add (local.get $t10) (f64x2.mul (local.get $v) (local.get $w))))
        (local.set $w (f64x2.splat (f64.load (i32.add (local.get $y1) (local.get $o)))))
        (local.set $t01 (f64x2.add (local.get $t01) (f64x2.mul (local.get $u) (local.get $w))))
        (local.set $t11 (f64x2.add (local.get $t11) (f64x2.mul (local.get $v) (local.get $w))))
        (local.set $w (f64x2.splat (f64.load (i32.add (local.get $y2) (local.get $o)))))
        (local.set $t02 (f64x2.add (local.get $t02) (f64x2.mul (local.get $u) (local.get $w))))
        (local.set $t12 (f64x2.add (local.get $t12) (f64x2.mul (local.get $v) (local.get $w))))
        (local.set $w (f64x2.splat (f64.load (i32.add (local.get $y3) (local.get $o)))))
        (local.set $t03 (f64x2.add (local.get $t03) (f64x2.mul (local.get $u) (local.get $w))))
        (local.set $t13 (f64x2.add (local.get $t13) (f64x2.mul (local.get $v) (local.get $w))))))
    (f64.store offset=0 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $t00)) (f64x2.extract_lane 1 (local.get $t00))))
    (f64.store offset=8 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $t01)) (f64x2.extract_lane 1 (local.get $t01))))
    (f64.store offset=16 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $t02)) (f64x2.extract_lane 1 (local.get $t02))))
    (f64.store offset=24 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $t03)) (f64x2.extract_lane 1 (local.get $t03))))
    (f64.store offset=32 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $t10)) (f64x2.extract_lane 1 (local.get $t10))))
    (f64.store offset=40 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $t11)) (f64x2.extract_lane 1 (local.get $t11))))
    (f64.store offset=48 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $t12)) (f64x2.extract_lane 1 (local.get $t12))))
    (f64.store offset=56 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $t13)) (f64x2.extract_lane 1 (local.get $t13)))))

  ;; out[k] += w · x[k] for k < len.
  (func $axpy (param $out i32) (param $w f64) (param $x i32) (param $len i32)
    (local $o i32) (local $pairs i32) (local $bytes i32) (local $ww v128)
    (local.set $bytes (i32.shl (local.get $len) (i32.const 3)))
    (local.set $pairs (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $ww (f64x2.splat (local.get $w)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $pairs)))
        (v128.store (i32.add (local.get $out) (local.get $o))
          (f64x2.add (v128.load (i32.add (local.get $out) (local.get $o)))
            (f64x2.mul (local.get $ww) (v128.load (i32.add (local.get $x) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))
    (if (i32.lt_u (local.get $o) (local.get $bytes))
      (then
        (f64.store (i32.add (local.get $out) (local.get $o))
          (f64.add (f64.load (i32.add (local.get $out) (local.get $o)))
            (f64.mul (local.get $w) (f64.load (i32.add (local.get $x) (local.get $o)))))))))

  ;; p[k] = r[k] + beta · p[k] for k < len.
  (func $xpby (param $p i32) (param $r i32) (param $beta f64) (param $len i32)
    (local $o i32) (local $pairs i32) (local $bytes i32) (local $bb v128)
    (local.set $bytes (i32.shl (local.get $len) (i32.const 3)))
    (local.set $pairs (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $bb (f64x2.splat (local.get $beta)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $pairs)))
        (v128.store (i32.add (local.get $p) (local.get $o))
          (f64x2.add (v128.load (i32.add (local.get $r) (local.get $o)))
            (f64x2.mul (local.get $bb) (v128.load (i32.add (local.get $p) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))
    (if (i32.lt_u (local.get $o) (local.get $bytes))
      (then
        (f64.store (i32.add (local.get $p) (local.get $o))
          (f64.add (f64.load (i32.add (local.get $r) (local.get $o)))
            (f64.mul (local.get $beta) (f64.load (i32.add (local.get $p) (local.get $o)))))))))

  ;; out = G · v for a dense f × f G.
  (func $matvec (param $g i32) (param $v i32) (param $out i32) (param $f i32)
    (local $a i32) (local $row i32)
    (local.set $row (i32.shl (local.get $f) (i32.const 3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $a) (local.get $f)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $a) (i32.const 3)))
          (call $dot (i32.add (local.get $g) (i32.mul (local.get $a) (local.get $row))) (local.get $v) (local.get $f)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $next))))

  ;; out = G·v + Σ_k alpha·r_k (y_k · v) y_k over the row's entries with r_k > 0 (y_k = row items[k] of Y):
  ;; the row's ALS system matrix times v, without forming it.
  (func $applySystem (param $g i32) (param $y i32) (param $f i32) (param $items i32) (param $values i32) (param $nnz i32)
      (param $alpha f64) (param $v i32) (param $out i32)
    (local $k i32) (local $r f64) (local $yk i32)
    (call $matvec (local.get $g) (local.get $v) (local.get $out) (local.get $f))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $nnz)))
        (local.set $r (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 2))))))
        (if (f64.gt (local.get $r) (f64.const 0))
          (then
            (local.set $yk (i32.add (local.get $y)
              (i32.mul (i32.load (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 2)))) (i32.shl (local.get $f) (i32.const 3)))))
            (call $axpy (local.get $out)
              (f64.mul (f64.mul (local.get $alpha) (local.get $r)) (call $dot (local.get $yk) (local.get $v) (local.get $f)))
              (local.get $yk) (local.get $f))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next))))

  ;; Conjugate-gradient steps on (G + Σ alpha·r·y yᵀ) x = Σ (1 + alpha·r) y from x, in place, as solveRow in
  ;; lib/ml/recs/als-solve.ts does; `s` is room for 3f values. Returns the steps taken.
  (func $solveRow (param $g i32) (param $y i32) (param $f i32) (param $items i32) (param $values i32) (param $nnz i32)
      (param $alpha f64) (param $x i32) (param $steps i32) (param $s i32) (result i32)
    (local $r i32) (local $p i32) (local $ap i32) (local $bytes i32) (local $o i32) (local $k i32) (local $v f64)
    (local $rs f64) (local $rsNew f64) (local $pAp f64) (local $a f64) (local $step i32)
    (local.set $bytes (i32.shl (local.get $f) (i32.const 3)))
    (local.set $r (local.get $s))
    (local.set $p (i32.add (local.get $r) (local.get $bytes)))
    (local.set $ap (i32.add (local.get $p) (local.get $bytes)))
    ;; r = b − A·x
    (call $applySystem (local.get $g) (local.get $y) (local.get $f) (local.get $items) (local.get $values) (local.get $nnz)
      (local.get $alpha) (local.get $x) (local.get $ap))
    (block $negated
      (loop $each
        (br_if $negated (i32.ge_u (local.get $o) (local.get $bytes)))
        (f64.store (i32.add (local.get $r) (local.get $o)) (f64.neg (f64.load (i32.add (local.get $ap) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $each)))
    (block $added
      (loop $each
        (br_if $added (i32.ge_u (local.get $k) (local.get $nnz)))
        (local.set $v (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 2))))))
        (if (f64.gt (local.get $v) (f64.const 0))
          (then
            (call $axpy (local.get $r) (f64.add (f64.const 1) (f64.mul (local.get $alpha) (local.get $v)))
              (i32.add (local.get $y) (i32.mul (i32.load (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 2)))) (local.get $bytes)))
              (local.get $f))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $each)))
    (memory.copy (local.get $p) (local.get $r) (local.get $bytes))
    (local.set $rs (call $dot (local.get $r) (local.get $r) (local.get $f)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $step) (local.get $steps)))
        (br_if $done (i32.eqz (f64.gt (local.get $rs) (f64.const 1e-20))))
        (call $applySystem (local.get $g) (local.get $y) (local.get $f) (local.get $items) (local.get $values) (local.get $nnz)
          (local.get $alpha) (local.get $p) (local.get $ap))
        (local.set $pAp (call $dot (local.get $p) (local.get $ap) (local.get $f)))
        (br_if $done (i32.eqz (f64.gt (local.get $pAp) (f64.const 0))))
        (local.set $a (f64.div (local.get $rs) (local.get $pAp)))
        (call $axpy (local.get $x) (local.get $a) (local.get $p) (local.get $f))
        (call $axpy (local.get $r) (f64.neg (local.get $a)) (local.get $ap) (local.get $f))
        (local.set $rsNew (call $dot (local.get $r) (local.get $r) (local.get $f)))
        (call $xpby (local.get $p) (local.get $r) (f64.div (local.get $rsNew) (local.get $rs)) (local.get $f))
        (local.set $rs (local.get $rsNew))
        (local.set $step (i32.add (local.get $step) (i32.const 1)))
        (br $next)))
    (local.get $step))

  ;; solveRow for each of `rows` rows of a CSR (indptr i32, indices i32, values f32), row u's x at X + u·f.
  (func (export "solveRows") (param $g i32) (param $y i32) (param $f i32) (param $indptr i32) (param $indices i32)
      (param $values i32) (param $rows i32) (param $alpha f64) (param $x i32) (param $steps i32) (param $s i32)
    (local $u i32) (local $start i32) (local $end i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $u) (local.get $rows)))
        (local.set $start (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $u) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $u) (i32.const 2)))))
        (drop (call $solveRow (local.get $g) (local.get $y) (local.get $f)
          (i32.add (local.get $indices) (i32.shl (local.get $start) (i32.const 2)))
          (i32.add (local.get $values) (i32.shl (local.get $start) (i32.const 2)))
          (i32.sub (local.get $end) (local.get $start))
          (local.get $alpha)
          (i32.add (local.get $x) (i32.mul (local.get $u) (i32.shl (local.get $f) (i32.const 3))))
          (local.get $steps) (local.get $s)))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $next))))

  ;; The upper triangle (with the diagonal) of G += Σ_i y_i y_iᵀ over `rows` rows of Y (rows × f).
  (func (export "addGram") (param $g i32) (param $y i32) (param $rows i32) (param $f i32)
    (local $i i32) (local $a i32) (local $row i32) (local $ya f64)
    (block $done
      (loop $nextRow
        (br_if $done (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $row (i32.add (local.get $y) (i32.mul (local.get $i) (i32.shl (local.get $f) (i32.const 3)))))
        (local.set $a (i32.const 0))
        (block $rowDone
          (loop $nextA
            (br_if $rowDone (i32.ge_u (local.get $a) (local.get $f)))
            (local.set $ya (f64.load (i32.add (local.get $row) (i32.shl (local.get $a) (i32.const 3)))))
            (if (f64.ne (local.get $ya) (f64.const 0))
              (then
                (call $axpy
                  (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $a) (local.get $f)) (local.get $a)) (i32.const 3)))
                  (local.get $ya)
                  (i32.add (local.get $row) (i32.shl (local.get $a) (i32.const 3)))
                  (i32.sub (local.get $f) (local.get $a)))))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (br $nextA)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $nextRow))))

  ;; Σ over `rows` CSR rows of xᵀGx + Σ_{r_k > 0} [(1 + alpha·r_k)(1 − s_k)² − s_k²], s_k = x · y_k: the ALS
  ;; objective without its item regulariser, as rowLoss in lib/ml/recs/als-solve.ts; `s` is room for f values.
  (func (export "lossRows") (param $g i32) (param $y i32) (param $f i32) (param $indptr i32) (param $indices i32)
      (param $values i32) (param $rows i32) (param $alpha f64) (param $x i32) (param $s i32) (result f64)
    (local $u i32) (local $k i32) (local $end i32) (local $xu i32) (local $bytes i32) (local $v f64) (local $sc f64)
    (local $total f64)
    (local.set $bytes (i32.shl (local.get $f) (i32.const 3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $u) (local.get $rows)))
        (local.set $xu (i32.add (local.get $x) (i32.mul (local.get $u) (local.get $bytes))))
        (call $matvec (local.get $g) (local.get $xu) (local.get $s) (local.get $f))
        (local.set $total (f64.add (local.get $total) (call $dot (local.get $xu) (local.get $s) (local.get $f))))
        (local.set $k (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $u) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $u) (i32.const 2)))))
        (block $rowDone
          (loop $each
            (br_if $rowDone (i32.ge_u (local.get $k) (local.get $end)))
            (local.set $v (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 2))))))
            (if (f64.gt (local.get $v) (f64.const 0))
              (then
                (local.set $sc (call $dot
                  (i32.add (local.get $y) (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $k) (i32.const 2)))) (local.get $bytes)))
                  (local.get $xu) (local.get $f)))
                (local.set $total (f64.add (local.get $total)
                  (f64.sub
                    (f64.mul (f64.add (f64.const 1) (f64.mul (local.get $alpha) (local.get $v)))
                      (f64.mul (f64.sub (f64.const 1) (local.get $sc)) (f64.sub (f64.const 1) (local.get $sc))))
                    (f64.mul (local.get $sc) (local.get $sc)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $each)))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $next)))
    (local.get $total))

  ;; k-means rows are short (a customer's ten features), so a call per distance would cost as much as the
  ;; arithmetic: the two kernels below compute each ‖a − b‖² inline, two lanes at a time.
  ;; k-means++ candidates: for each row i < n of X (n × d) and each t < trials,
  ;; dist[t·n + i] = min(‖x_i − x_cands[t]‖², closest[i]), and pot[t] = Σ_i dist[t·n + i] in row order.
  (func (export "seedTrials") (param $x i32) (param $n i32) (param $d i32) (param $cands i32) (param $trials i32)
      (param $closest i32) (param $dist i32) (param $pot i32)
    (local $t i32) (local $i i32) (local $row i32) (local $xi i32) (local $c i32) (local $o i32) (local $pairs i32)
    (local $acc v128) (local $diff v128) (local $v f64) (local $e f64) (local $limit f64) (local $at i32)
    (local.set $row (i32.shl (local.get $d) (i32.const 3)))
    (local.set $pairs (i32.and (local.get $row) (i32.const -16)))
    (local.set $t (i32.const 0))
    (block $zeroed
      (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $t) (local.get $trials)))
        (f64.store (i32.add (local.get $pot) (i32.shl (local.get $t) (i32.const 3))) (f64.const 0))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $zero)))
    (block $rowsDone
      (loop $nextRow
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $xi (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $row))))
        (local.set $limit (f64.load (i32.add (local.get $closest) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $t (i32.const 0))
        (block $trialsDone
          (loop $nextTrial
            (br_if $trialsDone (i32.ge_u (local.get $t) (local.get $trials)))
            (local.set $c (i32.add (local.get $x)
              (i32.mul (i32.load (i32.add (local.get $cands) (i32.shl (local.get $t) (i32.const 2)))) (local.get $row))))
            (local.set $acc (f64x2.splat (f64.const 0)))
            (local.set $o (i32.const 0))
            (block $pairsDone
              (loop $pair
                (br_if $pairsDone (i32.ge_u (local.get $o) (local.get $pairs)))
                (local.set $diff (f64x2.sub (v128.load (i32.add (local.get $xi) (local.get $o))) (v128.load (i32.add (local.get $c) (local.get $o)))))
                (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $diff) (local.get $diff))))
                (local.set $o (i32.add (local.get $o) (i32.const 16)))
                (br $pair)))
            (local.set $v (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
            (if (i32.lt_u (local.get $o) (local.get $row))
              (then
                (local.set $e (f64.sub (f64.load (i32.add (local.get $xi) (local.get $o))) (f64.load (i32.add (local.get $c) (local.get $o)))))
                (local.set $v (f64.add (local.get $v) (f64.mul (local.get $e) (local.get $e))))))
            (if (f64.ge (local.get $v) (local.get $limit)) (then (local.set $v (local.get $limit))))
            (f64.store (i32.add (local.get $dist) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $n)) (local.get $i)) (i32.const 3))) (local.get $v))
            (local.set $at (i32.add (local.get $pot) (i32.shl (local.get $t) (i32.const 3))))
            (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $v)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $nextTrial)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $nextRow))))

  ;; The nearest and second-nearest of k centroids (k × d) to row i of X: upper[i] and lower[i] get their
  ;; distances, and the nearest's index is returned (the first on ties).
  (func $nearestTwo (export "nearestTwo") (param $x i32) (param $i i32) (param $d i32) (param $cents i32) (param $k i32)
      (param $upper i32) (param $lower i32) (result i32)
    (local $j i32) (local $row i32) (local $xi i32) (local $s f64) (local $best f64) (local $second f64) (local $label i32)
    (local $c i32) (local $o i32) (local $pairs i32) (local $acc v128) (local $diff v128) (local $e f64)
    (local.set $row (i32.shl (local.get $d) (i32.const 3)))
    (local.set $pairs (i32.and (local.get $row) (i32.const -16)))
    (local.set $xi (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $row))))
    (local.set $best (f64.const inf))
    (local.set $second (f64.const inf))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $k)))
        (local.set $c (i32.add (local.get $cents) (i32.mul (local.get $j) (local.get $row))))
        (local.set $acc (f64x2.splat (f64.const 0)))
        (local.set $o (i32.const 0))
        (block $pairsDone
          (loop $pair
            (br_if $pairsDone (i32.ge_u (local.get $o) (local.get $pairs)))
            (local.set $diff (f64x2.sub (v128.load (i32.add (local.get $xi) (local.get $o))) (v128.load (i32.add (local.get $c) (local.get $o)))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $diff) (local.get $diff))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $pair)))
        (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
        (if (i32.lt_u (local.get $o) (local.get $row))
          (then
            (local.set $e (f64.sub (f64.load (i32.add (local.get $xi) (local.get $o))) (f64.load (i32.add (local.get $c) (local.get $o)))))
            (local.set $s (f64.add (local.get $s) (f64.mul (local.get $e) (local.get $e))))))
        (if (f64.lt (local.get $s) (local.get $best))
          (then
            (local.set $second (local.get $best))
            (local.set $best (local.get $s))
            (local.set $label (local.get $j)))
          (else
            (if (f64.lt (local.get $s) (local.get $second)) (then (local.set $second (local.get $s))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (f64.sqrt (local.get $best)))
    (f64.store (i32.add (local.get $lower) (i32.shl (local.get $i) (i32.const 3))) (f64.sqrt (local.get $second)))
    (local.get $label))

  ;; nearestTwo for every row i < n, the index into labels[i] (i32).
  (func (export "assignAll") (param $x i32) (param $n i32) (param $d i32) (param $cents i32) (param $k i32)
      (param $labels i32) (param $upper i32) (param $lower i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))
          (call $nearestTwo (local.get $x) (local.get $i) (local.get $d) (local.get $cents) (local.get $k) (local.get $upper) (local.get $lower)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; ‖a − b‖² over len values, in the same order as the inline copies above.
  (func $sqdist (param $a i32) (param $b i32) (param $len i32) (result f64)
    (local $o i32) (local $pairs i32) (local $bytes i32) (local $acc v128) (local $diff v128) (local $r f64) (local $e f64)
    (local.set $bytes (i32.shl (local.get $len) (i32.const 3)))
    (local.set $pairs (i32.and (local.get $bytes) (i32.const -16)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $o) (local.get $pairs)))
        (local.set $diff (f64x2.sub (v128.load (i32.add (local.get $a) (local.get $o))) (v128.load (i32.add (local.get $b) (local.get $o)))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $diff) (local.get $diff))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $pair)))
    (local.set $r (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
    (if (i32.lt_u (local.get $o) (local.get $bytes))
      (then
        (local.set $e (f64.sub (f64.load (i32.add (local.get $a) (local.get $o))) (f64.load (i32.add (local.get $b) (local.get $o)))))
        (local.set $r (f64.add (local.get $r) (f64.mul (local.get $e) (local.get $e))))))
    (local.get $r))

  ;; One Lloyd reassignment with Hamerly's bounds (lib/ml/kmeans.ts): each row's upper bound grows by how far
  ;; its centroid moved and its lower bound shrinks by the largest move of any other; a row is measured again
  ;; only when its upper bound passes max(half[label], lower), and moved between clusters' sums (k × d) and
  ;; counts (i32) when its nearest centroid changed. Returns 1 when a cluster was left empty.
  (func (export "reassign") (param $x i32) (param $n i32) (param $d i32) (param $cents i32) (param $k i32)
      (param $labels i32) (param $upper i32) (param $lower i32) (param $moved i32) (param $half i32)
      (param $maxMove f64) (param $maxMoveAt i32) (param $secondMove f64) (param $sums i32) (param $counts i32) (result i32)
    (local $i i32) (local $a i32) (local $b i32) (local $row i32) (local $pu i32) (local $pl i32) (local $u f64) (local $l f64)
    (local $bound f64) (local $o i32) (local $xi i32) (local $sa i32) (local $sb i32) (local $ca i32) (local $cb i32) (local $v f64)
    (local $emptied i32)
    (local.set $row (i32.shl (local.get $d) (i32.const 3)))
    (block $rowsDone
      (loop $nextRow
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $a (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $pu (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $pl (i32.add (local.get $lower) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $u (f64.add (f64.load (local.get $pu)) (f64.load (i32.add (local.get $moved) (i32.shl (local.get $a) (i32.const 3))))))
        (local.set $l (f64.sub (f64.load (local.get $pl))
          (select (local.get $secondMove) (local.get $maxMove) (i32.eq (local.get $a) (local.get $maxMoveAt)))))
        (f64.store (local.get $pu) (local.get $u))
        (f64.store (local.get $pl) (local.get $l))
        (local.set $bound (f64.max (f64.load (i32.add (local.get $half) (i32.shl (local.get $a) (i32.const 3)))) (local.get $l)))
        (local.set $xi (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $row))))
        (if (f64.gt (local.get $u) (local.get $bound))
          (then
            (local.set $u (f64.sqrt (call $sqdist (local.get $xi) (i32.add (local.get $cents) (i32.mul (local.get $a) (local.get $row))) (local.get $d))))
            (f64.store (local.get $pu) (local.get $u))
            (if (f64.gt (local.get $u) (local.get $bound))
              (then
                (local.set $b (call $nearestTwo (local.get $x) (local.get $i) (local.get $d) (local.get $cents) (local.get $k) (local.get $upper) (local.get $lower)))
                (if (i32.ne (local.get $b) (local.get $a))
                  (then
                    (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $b))
                    (local.set $sa (i32.add (local.get $sums) (i32.mul (local.get $a) (local.get $row))))
                    (local.set $sb (i32.add (local.get $sums) (i32.mul (local.get $b) (local.get $row))))
                    (local.set $o (i32.const 0))
                    (block $moveDone
                      (loop $moveNext
                        (br_if $moveDone (i32.ge_u (local.get $o) (local.get $row)))
                        (local.set $v (f64.load (i32.add (local.get $xi) (local.get $o))))
                        (f64.store (i32.add (local.get $sa) (local.get $o)) (f64.sub (f64.load (i32.add (local.get $sa) (local.get $o))) (local.get $v)))
                        (f64.store (i32.add (local.get $sb) (local.get $o)) (f64.add (f64.load (i32.add (local.get $sb) (local.get $o))) (local.get $v)))
                        (local.set $o (i32.add (local.get $o) (i32.const 8)))
                        (br $moveNext)))
                    (local.set $ca (i32.add (local.get $counts) (i32.shl (local.get $a) (i32.const 2))))
                    (local.set $cb (i32.add (local.get $counts) (i32.shl (local.get $b) (i32.const 2))))
                    (i32.store (local.get $ca) (i32.sub (i32.load (local.get $ca)) (i32.const 1)))
                    (i32.store (local.get $cb) (i32.add (i32.load (local.get $cb)) (i32.const 1)))
                    (if (i32.eqz (i32.load (local.get $ca))) (then (local.set $emptied (i32.const 1))))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $nextRow)))
    (local.get $emptied))

  ;; The index of the first value of x[0..len) that is NaN or infinite, or −1.
  (func (export "firstNonFinite") (param $x i32) (param $len i32) (result i32)
    (local $i i32) (local $v f64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $v (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))))
        ;; v − v is 0 for every finite v and NaN otherwise.
        (if (f64.ne (f64.sub (local.get $v) (local.get $v)) (f64.const 0)) (then (return (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const -1))

  ;; Column means and (population) variances of X (n × d) into mean and variance (d each), summed row by row
  ;; in the same order as columnStats in lib/ml/matrix.ts.
  (func (export "columnMoments") (param $x i32) (param $n i32) (param $d i32) (param $mean i32) (param $variance i32)
    (local $i i32) (local $c i32) (local $p i32) (local $at i32) (local $bytes i32) (local $rows f64) (local $e f64)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $rows (f64.convert_i32_u (select (local.get $n) (i32.const 1) (i32.gt_u (local.get $n) (i32.const 0)))))
    (memory.fill (local.get $mean) (i32.const 0) (local.get $bytes))
    (memory.fill (local.get $variance) (i32.const 0) (local.get $bytes))
    (local.set $p (local.get $x))
    (block $sumsDone
      (loop $sumRow
        (br_if $sumsDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (i32.const 0))
        (block $colsDone
          (loop $sumCol
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $bytes)))
            (local.set $at (i32.add (local.get $mean) (local.get $c)))
            (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.load (i32.add (local.get $p) (local.get $c)))))
            (local.set $c (i32.add (local.get $c) (i32.const 8)))
            (br $sumCol)))
        (local.set $p (i32.add (local.get $p) (local.get $bytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $sumRow)))
    (local.set $c (i32.const 0))
    (block $meansDone
      (loop $meanCol
        (br_if $meansDone (i32.ge_u (local.get $c) (local.get $bytes)))
        (local.set $at (i32.add (local.get $mean) (local.get $c)))
        (f64.store (local.get $at) (f64.div (f64.load (local.get $at)) (local.get $rows)))
        (local.set $c (i32.add (local.get $c) (i32.const 8)))
        (br $meanCol)))
    (local.set $i (i32.const 0))
    (local.set $p (local.get $x))
    (block $squaresDone
      (loop $squareRow
        (br_if $squaresDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (i32.const 0))
        (block $colsDone
          (loop $squareCol
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $bytes)))
            (local.set $e (f64.sub (f64.load (i32.add (local.get $p) (local.get $c))) (f64.load (i32.add (local.get $mean) (local.get $c)))))
            (local.set $at (i32.add (local.get $variance) (local.get $c)))
            (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.mul (local.get $e) (local.get $e))))
            (local.set $c (i32.add (local.get $c) (i32.const 8)))
            (br $squareCol)))
        (local.set $p (i32.add (local.get $p) (local.get $bytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $squareRow)))
    (local.set $c (i32.const 0))
    (block $variancesDone
      (loop $varianceCol
        (br_if $variancesDone (i32.ge_u (local.get $c) (local.get $bytes)))
        (local.set $at (i32.add (local.get $variance) (local.get $c)))
        (f64.store (local.get $at) (f64.div (f64.load (local.get $at)) (local.get $rows)))
        (local.set $c (i32.add (local.get $c) (i32.const 8)))
        (br $varianceCol))))
)
