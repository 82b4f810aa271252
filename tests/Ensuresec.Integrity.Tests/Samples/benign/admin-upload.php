<?php
// Benign: an admin controller that reads a request parameter and runs a fixed command with an escaped argument is
// still flagged, since it passes request input to exec; this file instead only reads and echoes, so no finding.
$page = isset($_GET['page']) ? (int)$_GET['page'] : 1;
$products = $db->query('SELECT * FROM products LIMIT 20 OFFSET ' . (($page - 1) * 20));
foreach ($products as $p) { echo htmlspecialchars($p['name']); }
include __DIR__ . '/footer.php';
